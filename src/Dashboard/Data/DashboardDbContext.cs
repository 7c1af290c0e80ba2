using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Presentation;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Data;

/// <summary>
/// The plan data and, in the same database, ASP.NET Core Identity's users and roles, the keys that protect the
/// sign-in cookies (shared by every instance) and the presenter's slide. On SQLite this type itself; on PostgreSQL
/// <see cref="PostgresDbContext"/>, the same model with its own migrations.
/// </summary>
public class DashboardDbContext : IdentityDbContext<DashboardUser>, IDataProtectionKeyContext
{
    public DashboardDbContext(DbContextOptions<DashboardDbContext> options) : base(options) { }

    protected DashboardDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Spearpoint> Spearpoints => Set<Spearpoint>();
    public DbSet<SpearpointRevision> SpearpointRevisions => Set<SpearpointRevision>();
    public DbSet<StatusUpdate> StatusUpdates => Set<StatusUpdate>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<MilestoneRevision> MilestoneRevisions => Set<MilestoneRevision>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Measurement> Measurements => Set<Measurement>();
    public DbSet<Briefing> Briefings => Set<Briefing>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PresenterSlide> PresenterSlides => Set<PresenterSlide>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportTransition> ReportTransitions => Set<ReportTransition>();
    public DbSet<ReportNote> ReportNotes => Set<ReportNote>();
    public DbSet<ReportAuthor> ReportAuthors => Set<ReportAuthor>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<ReportPdf> ReportPdfs => Set<ReportPdf>();
    public DbSet<PlanEditorship> PlanEditors => Set<PlanEditorship>();
    public DbSet<Oidc.RoleMapping> RoleMappings => Set<Oidc.RoleMapping>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionAnswer> QuestionAnswers => Set<QuestionAnswer>();
    public DbSet<SpearpointLink> SpearpointLinks => Set<SpearpointLink>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Readable enums in the file, and every DateTime read back as UTC.
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<DashboardUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Language).HasMaxLength(10);
        });

        model.Entity<Plan>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Organisation).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(4000);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne<Plan>().WithMany().HasForeignKey(p => p.PreviousPlanId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Spearpoint>(e =>
        {
            e.Property(s => s.Code).HasMaxLength(20);
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.Description).HasMaxLength(4000);
            e.Property(s => s.OwnerRole).HasMaxLength(200);
            e.Property(s => s.EndReason).HasMaxLength(1000);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => new { s.PlanId, s.SortOrder });
            e.HasIndex(s => new { s.PlanId, s.Code }).IsUnique();
            e.HasOne(s => s.Owner).WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<SpearpointRevision>(e =>
        {
            e.Property(r => r.Code).HasMaxLength(20);
            e.Property(r => r.Title).HasMaxLength(200);
            e.Property(r => r.Description).HasMaxLength(4000);
            e.Property(r => r.EndReason).HasMaxLength(1000);
            e.Property(r => r.Author).HasMaxLength(200);
            e.HasIndex(r => new { r.SpearpointId, r.RecordedAt });
        });

        model.Entity<StatusUpdate>(e =>
        {
            e.Property(u => u.Explanation).HasMaxLength(4000);
            e.Property(u => u.Cause).HasMaxLength(2000);
            e.Property(u => u.Consequence).HasMaxLength(2000);
            e.Property(u => u.CorrectiveAction).HasMaxLength(2000);
            e.Property(u => u.Author).HasMaxLength(200);
            e.HasIndex(u => new { u.SpearpointId, u.RecordedAt });
        });

        model.Entity<Milestone>(e =>
        {
            e.Property(m => m.Title).HasMaxLength(200);
            e.Property(m => m.CancelReason).HasMaxLength(1000);
            e.Property(m => m.Version).IsConcurrencyToken();
            e.HasIndex(m => new { m.SpearpointId, m.SortOrder });
            e.HasOne(m => m.CarriedOverFrom).WithMany().HasForeignKey(m => m.CarriedOverFromId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<MilestoneRevision>(e =>
        {
            e.Property(r => r.Title).HasMaxLength(200);
            e.Property(r => r.CancelReason).HasMaxLength(1000);
            e.Property(r => r.Author).HasMaxLength(200);
            e.HasIndex(r => new { r.MilestoneId, r.RecordedAt });
        });

        model.Entity<Indicator>(e =>
        {
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Unit).HasMaxLength(40);
            e.Property(i => i.EndReason).HasMaxLength(1000);
            e.Property(i => i.Version).IsConcurrencyToken();
        });

        model.Entity<Measurement>(e =>
        {
            e.Property(m => m.Note).HasMaxLength(1000);
            e.Property(m => m.Author).HasMaxLength(200);
            e.HasIndex(m => new { m.IndicatorId, m.Date });
        });

        model.Entity<Report>(e =>
        {
            e.Property(r => r.Summary).HasMaxLength(8000);
            e.Property(r => r.PreparedBy).HasMaxLength(200);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => new { r.PlanId, r.State, r.ReferenceDate });
            e.HasOne(r => r.Plan).WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Briefing>().WithMany().HasForeignKey(r => r.BriefingId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(r => r.Notes).WithOne().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Authors).WithOne().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.ReportId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ReportNote>(e =>
        {
            e.HasKey(n => new { n.ReportId, n.SpearpointId });
            e.Property(n => n.Text).HasMaxLength(4000);
            e.HasOne<Spearpoint>().WithMany().HasForeignKey(n => n.SpearpointId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ReportAuthor>(e => e.HasKey(a => new { a.ReportId, a.UserId }));
        model.Entity<PlanEditorship>(e =>
        {
            // The plan's redacteuren: a deleted account or plan takes its rows along.
            e.ToTable("PlanEditors");
            e.HasKey(x => new { x.PlanId, x.UserId });
            e.HasIndex(x => x.UserId);
            e.HasOne<Plan>().WithMany(p => p.Editors).HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<DashboardUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Oidc.RoleMapping>(e =>
        {
            // Groepen en rollen: a provider value to a role or to redacteur of a plan (a deleted plan takes its rows along).
            e.Property(m => m.ProviderValue).HasMaxLength(Oidc.RoleMappings.MaxValueLength);
            e.Property(m => m.Role).HasMaxLength(32);
            e.HasIndex(m => m.ProviderValue);
            e.HasOne<Plan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReportTransition>(e =>
        {
            e.Property(t => t.Actor).HasMaxLength(200);
            e.Property(t => t.Reason).HasMaxLength(2000);
            e.HasIndex(t => new { t.ReportId, t.At });
        });
        model.Entity<ReportSnapshot>(e =>
        {
            e.HasKey(s => s.ReportId);
            e.Property(s => s.Sha256).HasMaxLength(64);
            e.Property(s => s.ReleasedBy).HasMaxLength(200);
            e.HasOne<Report>().WithOne().HasForeignKey<ReportSnapshot>(s => s.ReportId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ReportPdf>(e =>
        {
            e.HasKey(p => p.ReportId);
            e.HasOne<Report>().WithOne().HasForeignKey<ReportPdf>(p => p.ReportId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Question>(e =>
        {
            // Technische vragen: never deleted (withdrawn instead); the answers are append-only revisions.
            e.Property(q => q.Text).HasMaxLength(2000);
            e.Property(q => q.AskedById).HasMaxLength(450);
            e.Property(q => q.AskedBy).HasMaxLength(200);
            e.Property(q => q.Version).IsConcurrencyToken();
            e.Ignore(q => q.State);
            e.Ignore(q => q.AskedLate);
            e.HasIndex(q => new { q.PlanId, q.AskedAt });
            e.HasIndex(q => q.SpearpointId);
            e.HasIndex(q => q.BriefingId);
            e.HasOne<Plan>().WithMany().HasForeignKey(q => q.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(q => q.Spearpoint).WithMany().HasForeignKey(q => q.SpearpointId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Briefing>().WithMany().HasForeignKey(q => q.BriefingId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(q => q.Answers).WithOne().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<QuestionAnswer>(e =>
        {
            e.Property(a => a.Text).HasMaxLength(4000);
            e.Property(a => a.AnsweredById).HasMaxLength(450);
            e.Property(a => a.AnsweredBy).HasMaxLength(200);
            e.HasIndex(a => new { a.QuestionId, a.AnsweredAt });
        });
        model.Entity<SpearpointLink>(e =>
        {
            e.Property(l => l.Url).HasMaxLength(2000);
            e.Property(l => l.Title).HasMaxLength(200);
            e.Property(l => l.AddedBy).HasMaxLength(200);
            e.HasIndex(l => l.SpearpointId);
            e.HasOne<Spearpoint>().WithMany().HasForeignKey(l => l.SpearpointId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Briefing>(e =>
        {
            e.Property(b => b.Title).HasMaxLength(200);
            e.Property(b => b.Audience).HasMaxLength(200);
            e.Property(b => b.Agenda).HasMaxLength(4000);
            e.Property(b => b.Notes).HasMaxLength(4000);
            e.Property(b => b.Version).IsConcurrencyToken();
            e.HasIndex(b => new { b.PlanId, b.Date });
            e.HasMany(b => b.Spearpoints).WithMany().UsingEntity("BriefingSpearpoints");
        });

        model.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Scopes).HasMaxLength(100);
            e.Property(t => t.Plans).HasMaxLength(1000);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.CreatedBy).HasMaxLength(200);
            e.HasIndex(t => t.Hash).IsUnique();
        });

        model.Entity<IdempotencyRecord>(e =>
        {
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.HasIndex(r => new { r.TokenId, r.Key }).IsUnique();
            e.HasOne<ApiToken>().WithMany().HasForeignKey(r => r.TokenId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<OutboxMessage>(e =>
        {
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.DedupKey).HasMaxLength(200);
            e.Property(m => m.To).HasMaxLength(320);
            e.Property(m => m.Subject).HasMaxLength(400);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.HasIndex(m => m.DedupKey).IsUnique();
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        });

        model.Entity<PresenterSlide>(e =>
        {
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Deck).HasMaxLength(100);
        });

        model.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.ObjectType).HasMaxLength(100);
            e.Property(a => a.ObjectId).HasMaxLength(100);
            e.Property(a => a.Origin).HasMaxLength(200);
            e.HasIndex(a => new { a.SpearpointId, a.AtUtc });
            e.HasIndex(a => a.AtUtc);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        AddFirstRevisions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        AddFirstRevisions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every spearpoint has a first revision: the plan on a reference date is made of them. The editor
    /// writes its own (the moment it was added); a spearpoint made any other way (the demo seed, an
    /// import, a test) existed from the start of its plan.
    /// </summary>
    private void AddFirstRevisions()
    {
        foreach (var entry in ChangeTracker.Entries<Spearpoint>().Where(e => e.State == EntityState.Added).ToList())
        {
            var spearpoint = entry.Entity;
            if (spearpoint.Revisions.Count > 0)
            {
                continue;
            }
            var plan = spearpoint.Plan ?? Plans.Find(spearpoint.PlanId);
            var at = plan is null ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : DashboardClock.StartOfDayUtc(plan.StartDate);
            spearpoint.Revisions.Add(SpearpointRevision.Of(spearpoint, "Systeem", at));
        }
    }

    /// <summary>History and audit are append-only; the database triggers say the same.</summary>
    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry or StatusUpdate or MilestoneRevision or SpearpointRevision or QuestionAnswer
                && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} is append-only.");
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
