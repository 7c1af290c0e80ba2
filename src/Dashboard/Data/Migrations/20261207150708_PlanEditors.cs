using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanEditors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanEditors",
                columns: table => new
                {
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanEditors", x => new { x.PlanId, x.UserId });
                    table.ForeignKey(
                        name: "FK_PlanEditors_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlanEditors_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanEditors_UserId",
                table: "PlanEditors",
                column: "UserId");

            // Nobody loses a right they had: before this migration every manager changed every plan, so every existing
            // manager becomes a redacteur of every existing plan. The same SQL on SQLite and PostgreSQL.
            migrationBuilder.Sql("""
                INSERT INTO "PlanEditors" ("PlanId", "UserId")
                SELECT p."Id", ur."UserId"
                FROM "Plans" p
                CROSS JOIN "AspNetUserRoles" ur
                JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                WHERE r."Name" = 'manager';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanEditors");
        }
    }
}
