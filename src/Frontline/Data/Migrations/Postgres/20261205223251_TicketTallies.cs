using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Frontline.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TicketTallies",
                columns: table => new
                {
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                });

            migrationBuilder.CreateIndex(
                name: "IX_TicketTallies_GroupId_Status_Kind_Priority",
                table: "TicketTallies",
                columns: new[] { "GroupId", "Status", "Kind", "Priority" });

            migrationBuilder.Sql(Data.TicketTallies.CreatePostgres);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Data.TicketTallies.DropPostgres);

            migrationBuilder.DropTable(
                name: "TicketTallies");
        }
    }
}
