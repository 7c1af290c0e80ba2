#pragma warning disable EF1001 // MigrationsAssembly is EF's own internal default; here it is only extended by one test migration.
using System.Reflection;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Dashboard.Tests.Support;

/// <summary>
/// A context factory whose migrations are the app's plus one more, as a next release would bring:
/// to see what start-up does with a database that lacks a migration, whatever the app's own migrations are.
/// </summary>
public sealed class WithExtraMigration(string connectionString) : IDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext() => new(new DbContextOptionsBuilder<DashboardDbContext>()
        .UseSqlite(connectionString)
        .AddInterceptors(new SqlitePragmas())
        .ReplaceService<IMigrationsAssembly, AssemblyWithExtraMigration>()
        .Options);
}

public sealed class AssemblyWithExtraMigration(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        base.Migrations.Append(new KeyValuePair<string, TypeInfo>(NextRelease.Id, typeof(NextRelease).GetTypeInfo()))
            .ToDictionary();
}

[DbContext(typeof(DashboardDbContext))]
[Migration(Id)]
public sealed class NextRelease : Migration
{
    public const string Id = "99990101000000_NextRelease";
    public const string Table = "NextReleaseMarker";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"CREATE TABLE \"{Table}\" (\"Id\" INTEGER NOT NULL PRIMARY KEY);");
}
