using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (Data/Migrations/Postgres) are told
/// apart from SQLite's: EF Core picks a context's migrations by the context type. Everything else asks for
/// <see cref="DashboardDbContext"/>.
/// </summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : DashboardDbContext(options);
