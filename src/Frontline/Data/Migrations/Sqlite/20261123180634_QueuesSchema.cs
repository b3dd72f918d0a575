using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Frontline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueuesSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_GroupId_Status_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_OwnerId_Status",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_GroupId_Status_UpdatedAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "GroupId", "Status", "UpdatedAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_OwnerId_Status_UpdatedAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "OwnerId", "Status", "UpdatedAt", "Priority", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_GroupId_Status_UpdatedAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_OwnerId_Status_UpdatedAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_GroupId_Status_Id",
                table: "Tickets",
                columns: new[] { "GroupId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_OwnerId_Status",
                table: "Tickets",
                columns: new[] { "OwnerId", "Status" });
        }
    }
}
