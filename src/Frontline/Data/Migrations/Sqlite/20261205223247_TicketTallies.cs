using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Frontline.Data.Migrations.Sqlite
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
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                });

            migrationBuilder.CreateIndex(
                name: "IX_TicketTallies_GroupId_Status_Kind_Priority",
                table: "TicketTallies",
                columns: new[] { "GroupId", "Status", "Kind", "Priority" },
                unique: true);

            migrationBuilder.Sql(Data.TicketTallies.CreateSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Data.TicketTallies.DropSqlite);

            migrationBuilder.DropTable(
                name: "TicketTallies");
        }
    }
}
