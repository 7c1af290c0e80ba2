using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Data;

/// <summary>For /health: the database answers a query and its migrations are exactly the app's.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<DashboardDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var state = await MigrationState.ReadAsync(db, cancellationToken);
            if (!state.IsCurrent)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    $"Migrations not current: {state.Pending.Count} pending, {state.Unknown.Count} unknown.");
            }
            await db.Plans.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("Database reachable, migrations current.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception goes to the health check log, not into the response.
            return new HealthCheckResult(context.Registration.FailureStatus, "Database unreachable.", ex);
        }
    }
}
