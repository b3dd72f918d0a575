using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Frontline.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketSearchSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Tickets",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('english', regexp_replace(coalesce(\"Title\", '') || ' ' || coalesce(\"Description\", ''), '[^[:alnum:]]+', ' ', 'g'))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SearchVector",
                table: "Tickets",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.Sql(TicketSearchIndex.TunePostgres);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TicketSearchIndex.UntunePostgres);

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SearchVector",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "Tickets");
        }
    }
}
