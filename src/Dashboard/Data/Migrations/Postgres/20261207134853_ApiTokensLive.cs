using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApiTokensLive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The scope "live" is new: a key made before it read live values of every plan, so every existing key gets it and no
            // integration breaks when a plan's council is set to see only what was released. Scopes is a comma-separated list
            // ("read,measurements"); "live" goes last, as ApiScopes.All orders them. (PostgreSQL: || concatenates.)
            migrationBuilder.Sql("""
                UPDATE "ApiTokens" SET "Scopes" = "Scopes" || ',live'
                WHERE (',' || "Scopes" || ',') NOT LIKE '%,live,%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to the three scopes of before; a key made with "live" since loses it too (there was no such scope then).
            migrationBuilder.Sql("""
                UPDATE "ApiTokens" SET "Scopes" = TRIM(REPLACE(',' || "Scopes" || ',', ',live,', ','), ',');
                """);
        }
    }
}
