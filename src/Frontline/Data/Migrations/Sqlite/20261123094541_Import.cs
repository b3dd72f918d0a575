using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Frontline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Import : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalRef",
                table: "Tickets",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TriageModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TrainedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Examples = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldoutAccuracy = table.Column<double>(type: "REAL", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriageModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ExternalRef",
                table: "Tickets",
                column: "ExternalRef",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TriageModels_Target_Id",
                table: "TriageModels",
                columns: new[] { "Target", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TriageModels");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ExternalRef",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "ExternalRef",
                table: "Tickets");
        }
    }
}
