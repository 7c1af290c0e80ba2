using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Data;

/// <summary>For `dotnet ef` only: migrations need the model, not the app's configuration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For `dotnet ef --context PostgresDbContext`: no server is contacted to add a migration.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=dashboard_design_time").Options);
}
