using System.Security.Claims;
using Dashboard.Common;
using Dashboard.Data.Backups;
using Dashboard.Progress;
using Dashboard.Resources;
using Dashboard.Security;
using Dashboard.Transfer;
using Dashboard.Users;
using Microsoft.Extensions.Localization;

namespace Dashboard.Hosting;

/// <summary>The beheerder's downloads from /beheer: a consistent backup of the database, and a plan's export.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/beheer").RequireAuthorization(Policies.Admin);

        admin.MapGet("/backup", async (ClaimsPrincipal user, UserDirectory users, BackupService backups, DashboardClock clock) =>
        {
            var actor = await users.ActorForAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), "web: download");
            if (!backups.IsSqlite)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: backups.OnPostgresMessage);
            }
            var name = $"dashboard-{DashboardClock.ToLocal(clock.UtcNow):yyyyMMdd-HHmmss}.db";
            // The service checks the role again and audits the download.
            return (IResult)TypedResults.Stream(stream => backups.WriteBackupAsync(actor, stream), "application/vnd.sqlite3", name);
        });

        admin.MapGet("/export/{planId:int}", async (int planId, string? kind, DashboardQueries queries, PlanExporter exporter,
            IStringLocalizer<SharedResource> L) =>
        {
            if (await queries.GetPlanHeaderAsync(planId) is null)
            {
                return Results.NotFound();
            }
            return (kind ?? "plan") switch
            {
                "plan" => TypedResults.Stream(s => exporter.WriteJsonAsync(planId, s), "application/json", $"plan-{planId}.json"),
                "milestones" => TypedResults.Stream(s => exporter.WriteMilestonesCsvAsync(planId, s), "text/csv; charset=utf-8", $"plan-{planId}-mijlpalen.csv"),
                "measurements" => TypedResults.Stream(s => exporter.WriteMeasurementsCsvAsync(planId, s), "text/csv; charset=utf-8", $"plan-{planId}-metingen.csv"),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: L["Admin.ExportKindInvalid", "plan, milestones, measurements"]),
            };
        });
    }
}
