using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlansInTheUi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "Spearpoints",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EndedAt",
                table: "Spearpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Spearpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "Plans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "Plans",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Plans",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "PreviousPlanId",
                table: "Plans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CarriedOverFromId",
                table: "Milestones",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BaselineDate",
                table: "Indicators",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "Indicators",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "Indicators",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EndedAt",
                table: "Indicators",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Frequency",
                table: "Indicators",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Quarterly");

            migrationBuilder.CreateTable(
                name: "SpearpointRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpearpointId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpearpointRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpearpointRevisions_Spearpoints_SpearpointId",
                        column: x => x.SpearpointId,
                        principalTable: "Spearpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // What was there before this migration existed from the start of its plan (two hours before
            // midnight UTC is before the Dutch midnight in summer and winter): every spearpoint gets its
            // first revision, every indicator and plan its creation time. Nothing is ended yet.
            migrationBuilder.Sql("""
                UPDATE "Plans" SET "CreatedAt" = datetime("StartDate", '-2 hours');
                UPDATE "Indicators" SET "CreatedAt" = (
                    SELECT datetime(p."StartDate", '-2 hours') FROM "Spearpoints" s JOIN "Plans" p ON p."Id" = s."PlanId"
                    WHERE s."Id" = "Indicators"."SpearpointId");
                INSERT INTO "SpearpointRevisions" ("SpearpointId", "Kind", "Code", "Title", "Description", "SortOrder", "Author", "RecordedAt")
                SELECT s."Id", s."Kind", s."Code", s."Title", s."Description", s."SortOrder", 'Systeem', datetime(p."StartDate", '-2 hours')
                FROM "Spearpoints" s JOIN "Plans" p ON p."Id" = s."PlanId";
                """);
            // The spearpoints' history is append-only, like the audit trail and the other history.
            migrationBuilder.Sql("CREATE TRIGGER \"SpearpointRevisions_NoUpdate\" BEFORE UPDATE ON \"SpearpointRevisions\" BEGIN SELECT RAISE(ABORT, 'SpearpointRevisions is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SpearpointRevisions_NoDelete\" BEFORE DELETE ON \"SpearpointRevisions\" BEGIN SELECT RAISE(ABORT, 'SpearpointRevisions is append-only'); END;");

            migrationBuilder.CreateIndex(
                name: "IX_Spearpoints_OwnerId",
                table: "Spearpoints",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Spearpoints_PlanId_Code",
                table: "Spearpoints",
                columns: new[] { "PlanId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_PreviousPlanId",
                table: "Plans",
                column: "PreviousPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_CarriedOverFromId",
                table: "Milestones",
                column: "CarriedOverFromId");

            migrationBuilder.CreateIndex(
                name: "IX_SpearpointRevisions_SpearpointId_RecordedAt",
                table: "SpearpointRevisions",
                columns: new[] { "SpearpointId", "RecordedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Milestones_Milestones_CarriedOverFromId",
                table: "Milestones",
                column: "CarriedOverFromId",
                principalTable: "Milestones",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Plans_Plans_PreviousPlanId",
                table: "Plans",
                column: "PreviousPlanId",
                principalTable: "Plans",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Spearpoints_AspNetUsers_OwnerId",
                table: "Spearpoints",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Milestones_Milestones_CarriedOverFromId",
                table: "Milestones");

            migrationBuilder.DropForeignKey(
                name: "FK_Plans_Plans_PreviousPlanId",
                table: "Plans");

            migrationBuilder.DropForeignKey(
                name: "FK_Spearpoints_AspNetUsers_OwnerId",
                table: "Spearpoints");

            migrationBuilder.DropTable(
                name: "SpearpointRevisions");

            migrationBuilder.DropIndex(
                name: "IX_Spearpoints_OwnerId",
                table: "Spearpoints");

            migrationBuilder.DropIndex(
                name: "IX_Spearpoints_PlanId_Code",
                table: "Spearpoints");

            migrationBuilder.DropIndex(
                name: "IX_Plans_PreviousPlanId",
                table: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_CarriedOverFromId",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "Spearpoints");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "Spearpoints");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Spearpoints");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "PreviousPlanId",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "CarriedOverFromId",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "BaselineDate",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "Frequency",
                table: "Indicators");
        }
    }
}
