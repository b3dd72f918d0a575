using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Frontline.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceLevelOutcomeSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServiceLevelOutcomes",
                columns: table => new
                {
                    TicketId = table.Column<long>(type: "bigint", nullable: false),
                    TicketVersion = table.Column<int>(type: "integer", nullable: false),
                    Policies = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SlaMet = table.Column<bool>(type: "boolean", nullable: false),
                    Response = table.Column<int>(type: "integer", nullable: true),
                    ResponseMinutes = table.Column<double>(type: "double precision", nullable: true),
                    Resolution = table.Column<int>(type: "integer", nullable: true),
                    ResolutionMinutes = table.Column<double>(type: "double precision", nullable: true),
                    ResolutionPausedMinutes = table.Column<double>(type: "double precision", nullable: false),
                    Reassignments = table.Column<int>(type: "integer", nullable: false),
                    Reopenings = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceLevelOutcomes", x => x.TicketId);
                    table.ForeignKey(
                        name: "FK_ServiceLevelOutcomes_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServiceLevelOutcomes");
        }
    }
}
