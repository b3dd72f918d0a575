using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Frontline.Data.Migrations.Postgres
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TriageModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Target = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TrainedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Examples = table.Column<int>(type: "integer", nullable: false),
                    HoldoutAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
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
