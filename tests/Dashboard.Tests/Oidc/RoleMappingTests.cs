using System.Security.Claims;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Oidc;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Oidc;

/// <summary>
/// Groepen en rollen: only a beheerder maps provider values, every change audited, bad input named; a sign-in with the
/// organisation account links by issuer and subject, gets exactly the mapped roles, and is refused without one.
/// </summary>
[Trait("Category", Database.Category)]
public class RoleMappingTests
{
    private const string Issuer = "https://login.example.test/tenant/v2.0";

    private static async Task<(TestApp App, Actor Admin, int PlanId)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        var adminId = await app.CreateUserAsync("beheer@gemeente.test", DashboardRoles.Admin, name: "Beheerder");
        await using var db = app.CreateDb();
        var planId = await db.Plans.Select(p => p.Id).FirstAsync();
        return (app, await app.Get<UserDirectory>().ActorForAsync(adminId), planId);
    }

    private static ClaimsPrincipal Token(string subject, string email, string[] roles, string? oid = null, bool overage = false)
    {
        var claims = new List<Claim> { new("iss", Issuer), new("sub", subject), new("email", email), new("name", "Medewerker " + subject) };
        if (oid is not null)
        {
            claims.Add(new Claim("oid", oid));
        }
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        if (overage)
        {
            claims.Add(new Claim("hasgroups", "true"));
            claims.Add(new Claim("_claim_names", "{\"roles\":\"src1\"}"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc"));
    }

    private static async Task<(DashboardUser? User, OidcRefusal? Refusal)> SignInAsync(TestApp app, ClaimsPrincipal token)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = new OidcAccounts(scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>(),
            scope.ServiceProvider.GetRequiredService<Dashboard.Data.DashboardDbContext>(), app.Get<AuditTrail>(),
            Microsoft.Extensions.Options.Options.Create(new OidcOptions { Authority = Issuer, ClientId = "dashboard", RoleClaim = "roles" }),
            NullLogger<OidcAccounts>.Instance);
        return await accounts.SignInAsync(token, CancellationToken.None);
    }

    private static async Task<IList<string>> RolesAsync(TestApp app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(userId))!);
    }

    [Fact]
    public async Task ABeheerder_MapsAValue_ToARole_AndToAPlan_Audited()
    {
        var (app, admin, planId) = await StartAsync();
        await using var _ = app;
        var mappings = app.Get<RoleMappings>();

        Assert.True((await mappings.AddAsync(admin, new AddRoleMappingCommand(" HOR-Managers ", DashboardRoles.Manager, null))).Succeeded);
        Assert.True((await mappings.AddAsync(admin, new AddRoleMappingCommand("HOR-Managers", null, planId))).Succeeded);

        var rows = await mappings.ListAsync(admin);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("HOR-Managers", r.ProviderValue));
        Assert.Contains(rows, r => r.PlanId == planId && r.PlanName is { Length: > 0 });
        await using var db = app.CreateDb();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "AddRoleMapping" && a.Result == AuditResult.Success));
    }

    [Theory]
    [InlineData(DashboardRoles.Manager)]
    [InlineData(DashboardRoles.CouncilMember)]
    public async Task NoOneButABeheerder_ChangesAMapping_RefusedAndAudited_NothingStored(string role)
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;
        var other = await app.Get<UserDirectory>().ActorForAsync(await app.CreateUserAsync($"{role}@gemeente.test", role));
        await app.Get<RoleMappings>().AddAsync(admin, new AddRoleMappingCommand("bestaand", DashboardRoles.Manager, null));
        var id = (await app.Get<RoleMappings>().ListAsync(admin)).Single().Id;

        var added = await app.Get<RoleMappings>().AddAsync(other, new AddRoleMappingCommand("iedereen", DashboardRoles.Admin, null));
        var removed = await app.Get<RoleMappings>().RemoveAsync(other, id);

        Assert.Equal((SaveOutcome.Forbidden, SaveOutcome.Forbidden), (added.Outcome, removed.Outcome));
        Assert.Single(await app.Get<RoleMappings>().ListAsync(admin));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => app.Get<RoleMappings>().ListAsync(other));
        await using var db = app.CreateDb();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.ObjectType == "RoleMapping" && a.Result == AuditResult.Forbidden));
    }

    [Theory]
    [InlineData("", DashboardRoles.Manager, false, "ProviderValue", "Groep of rol bij de organisatie is verplicht.")]
    [InlineData("groep\nmet regel", DashboardRoles.Manager, false, "ProviderValue", "Groep of rol bij de organisatie")]
    [InlineData("groep", "superuser", false, "Target", "Geeft")]
    [InlineData("groep", null, false, "Target", "Geeft")]
    [InlineData("groep", DashboardRoles.Manager, true, "Target", "Geeft")]
    public async Task BadInput_IsRefused_NamingTheField_NothingStored(string value, string? role, bool alsoPlan, string field, string message)
    {
        var (app, admin, planId) = await StartAsync();
        await using var _ = app;

        var result = await app.Get<RoleMappings>().AddAsync(admin, new AddRoleMappingCommand(value, role, alsoPlan ? planId : null));

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.ErrorFor(field));
        Assert.Empty(await app.Get<RoleMappings>().ListAsync(admin));
    }

    [Fact]
    public async Task AValueTooLong_OrAMissingPlan_OrTheSameTwice_IsRefused()
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;
        var mappings = app.Get<RoleMappings>();

        var tooLong = await mappings.AddAsync(admin, new AddRoleMappingCommand(new string('g', 257), DashboardRoles.Manager, null));
        var noPlan = await mappings.AddAsync(admin, new AddRoleMappingCommand("groep", null, 999_999));
        await mappings.AddAsync(admin, new AddRoleMappingCommand("groep", DashboardRoles.Manager, null));
        var twice = await mappings.AddAsync(admin, new AddRoleMappingCommand("groep", DashboardRoles.Manager, null));

        Assert.Contains("257", tooLong.ErrorFor("ProviderValue"));
        Assert.NotNull(noPlan.ErrorFor("Target"));
        Assert.Equal("Deze koppeling bestaat al.", twice.ErrorFor("ProviderValue"));
        Assert.Single(await mappings.ListAsync(admin));
    }

    [Fact]
    public async Task AFirstSignIn_WithAMappedValue_MakesTheAccount_LinkedByIssuerAndOid_WithExactlyTheMappedRoles()
    {
        var (app, admin, planId) = await StartAsync();
        await using var _ = app;
        await app.Get<RoleMappings>().AddAsync(admin, new AddRoleMappingCommand("Dashboard.Manager", DashboardRoles.Manager, null));
        await app.Get<RoleMappings>().AddAsync(admin, new AddRoleMappingCommand("Dashboard.Manager", null, planId));

        var (user, refusal) = await SignInAsync(app, Token("pairwise-sub", "a.jansen@gemeente.test", ["Dashboard.Manager", "Onbekend"], oid: "oid-1"));

        Assert.Null(refusal);
        Assert.Equal([DashboardRoles.Manager], await RolesAsync(app, user!.Id));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        Assert.Equal(user.Id, (await users.FindByLoginAsync(Issuer, "oid-1"))?.Id);
        Assert.False(await users.HasPasswordAsync(user));
        var actor = await app.Get<UserDirectory>().ActorForAsync(user.Id);
        Assert.True(await app.Get<EditorKit>().EditsAsync(actor, planId));

        // The second sign-in finds the same account, by oid, whatever the e-mail address says now.
        var (again, _) = await SignInAsync(app, Token("pairwise-sub", "nieuw.adres@gemeente.test", ["Dashboard.Manager"], oid: "oid-1"));
        Assert.Equal(user.Id, again!.Id);
    }

    [Fact]
    public async Task ASignIn_WithoutAMappedValue_MakesNoAccount_AndIsRefused_Audited()
    {
        var (app, _, _) = await StartAsync();
        await using var _ = app;
        var before = await app.CreateDb().Users.CountAsync();

        var (user, refusal) = await SignInAsync(app, Token("sub-2", "b.smeets@gemeente.test", ["Iets anders"]));

        Assert.Null(user);
        Assert.Equal(OidcRefusal.NoMapping, refusal);
        await using var db = app.CreateDb();
        Assert.Equal(before, await db.Users.CountAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "OidcSignIn" && a.Result == AuditResult.Refused));
    }

    [Fact]
    public async Task AnOverageToken_IsRefusedWithItsOwnReason_AndTheBeheerderSeesTheAccount()
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;
        await app.Get<RoleMappings>().AddAsync(admin, new AddRoleMappingCommand("groep-id", DashboardRoles.Manager, null));
        var (user, _) = await SignInAsync(app, Token("sub-3", "c.dols@gemeente.test", ["groep-id"]));

        var (refused, refusal) = await SignInAsync(app, Token("sub-3", "c.dols@gemeente.test", [], overage: true));

        Assert.Null(refused);
        Assert.Equal(OidcRefusal.Overage, refusal);
        Assert.Empty(await RolesAsync(app, user!.Id));
        Assert.Equal("c.dols@gemeente.test", Assert.Single(await app.Get<RoleMappings>().OverageAsync(admin)).Email);
    }

    [Fact]
    public async Task ALocalAccountWithTheSameEmail_IsNeverLinked()
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;
        await app.Get<RoleMappings>().AddAsync(admin, new AddRoleMappingCommand("Dashboard.Beheerder", DashboardRoles.Admin, null));

        var (user, refusal) = await SignInAsync(app, Token("sub-4", "beheer@gemeente.test", ["Dashboard.Beheerder"]));

        Assert.Null(user);
        Assert.Equal(OidcRefusal.EmailTaken, refusal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        Assert.Empty(await users.GetLoginsAsync((await users.FindByEmailAsync("beheer@gemeente.test"))!));
    }

    [Fact]
    public async Task RemovingAMapping_TakesTheRightAtOnce_RenewsTheStamp_AndAWriteIsRefused_ButAHandSetEditorStays()
    {
        var (app, admin, planId) = await StartAsync();
        await using var _ = app;
        var mappings = app.Get<RoleMappings>();
        await mappings.AddAsync(admin, new AddRoleMappingCommand("HOR", DashboardRoles.Manager, null));
        await mappings.AddAsync(admin, new AddRoleMappingCommand("HOR", null, planId));
        var (user, _) = await SignInAsync(app, Token("sub-5", "d.huls@gemeente.test", ["HOR"]));
        int otherPlan;
        await using (var db = app.CreateDb())
        {
            otherPlan = (await new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Ander plan").SaveAsync(db)).Id;
            db.PlanEditors.Add(new PlanEditorship { PlanId = otherPlan, UserId = user!.Id });
            await db.SaveChangesAsync();
        }
        var stamp = user!.SecurityStamp;
        var managerId = (await mappings.ListAsync(admin)).Single(m => m.Role == DashboardRoles.Manager).Id;
        var editorId = (await mappings.ListAsync(admin)).Single(m => m.PlanId == planId).Id;

        Assert.True((await mappings.RemoveAsync(admin, managerId)).Succeeded);
        Assert.True((await mappings.RemoveAsync(admin, editorId)).Succeeded);

        Assert.Empty(await RolesAsync(app, user.Id));
        await using var check = app.CreateDb();
        Assert.NotEqual(stamp, (await check.Users.SingleAsync(u => u.Id == user.Id)).SecurityStamp);
        Assert.Equal([otherPlan], await check.PlanEditors.Where(e => e.UserId == user.Id).Select(e => e.PlanId).ToListAsync());
        var sp = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var write = await app.Get<StatusEditor>().SaveStatusAsync(await app.Get<UserDirectory>().ActorForAsync(user.Id),
            new StatusCommand(sp.Plan.Id, sp.Summary.Id, sp.Summary.Version, Status.OnTrack, "Na het intrekken"));
        Assert.Equal(SaveOutcome.Forbidden, write.Outcome);
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "RemoveRoleMapping"));
    }
}
