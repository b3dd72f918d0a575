using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Frontline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketSearchSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The queue's full-text index: a virtual table and triggers, which EF Core does not model.
            migrationBuilder.Sql(TicketSearchIndex.CreateSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TicketSearchIndex.DropSqlite);
        }
    }
}
