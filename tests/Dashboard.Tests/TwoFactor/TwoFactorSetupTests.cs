using System.Text;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Tests.Support;
using Dashboard.TwoFactor;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.TwoFactor;

/// <summary>
/// The second factor in the service layer: set up with a code computed from the shared key (RFC 6238), ten recovery
/// codes, Security:RequireTwoFactorFor taking away every right until it is set up, and a beheerder's audited reset.
/// </summary>
[Trait("Category", Database.Category)]
public class TwoFactorSetupTests
{
    /// <summary>The rule as it is by default (the other tests' TestApp turns it off).</summary>
    private static readonly Dictionary<string, string?> Required = new() { ["Security:RequireTwoFactorFor"] = "beheerder,vaststeller" };

    private static async Task<Actor> ActorAsync(TestApp app, string id) => await app.Get<UserDirectory>().ActorForAsync(id, "web: Mijn account");

    private static async Task<string> KeyAsync(TestApp app, string id) => (await app.Get<TwoFactorSetup>().KeyAsync(id))!.SharedKey;

    private static async Task<RecoveryCodesResult> EnableAsync(TestApp app, string id)
    {
        var key = await KeyAsync(app, id);
        return await app.Get<TwoFactorSetup>().EnableAsync(await ActorAsync(app, id), Totp.Now(key));
    }

    private static async Task<T> WithUsersAsync<T>(TestApp app, Func<UserManager<DashboardUser>, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>());
    }

    [Fact]
    public void TheTestsCodes_AreRfc6238s_OwnTestVectors()
    {
        // RFC 6238, appendix B, SHA-1, eight digits.
        var key = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("94287082", Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(59), 8));
        Assert.Equal("07081804", Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(1111111109), 8));
        Assert.Equal("89005924", Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(1234567890), 8));
        Assert.Equal("65353130", Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(20000000000), 8));
    }

    [Fact]
    public async Task Enable_WithTheCodeTheAppComputes_TurnsItOn_WithTenRecoveryCodes_Audited()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var id = await app.CreateUserAsync("manager@gemeente.test", DashboardRoles.Manager);
        var stamp = await WithUsersAsync(app, async u => (await u.FindByIdAsync(id))!.SecurityStamp);
        var key = await KeyAsync(app, id);
        Assert.Equal(key, await KeyAsync(app, id)); // a reload shows the same key until it is switched on
        // Showing a key keeps the security stamp: a new one would sign out the browser that asked for it.
        Assert.Equal(stamp, await WithUsersAsync(app, async u => (await u.FindByIdAsync(id))!.SecurityStamp));
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", key);

        var done = await app.Get<TwoFactorSetup>().EnableAsync(await ActorAsync(app, id), Totp.Now(key));

        Assert.True(done.Result.Succeeded, done.Result.Message);
        Assert.Equal(10, done.RecoveryCodes.Distinct().Count());
        var status = await app.Get<TwoFactorSetup>().StatusAsync(id);
        Assert.Equal(new TwoFactorStatus(true, 10, false), status);
        Assert.Null(await app.Get<TwoFactorSetup>().KeyAsync(id));
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "EnableTwoFactor");
        Assert.Equal(AuditResult.Success, audit.Result);
        Assert.DoesNotContain(done.RecoveryCodes[0], audit.NewValues);
    }

    [Theory]
    [InlineData(null, "Code is verplicht.")]
    [InlineData("   ", "Code is verplicht.")]
    [InlineData("12345", "Code moet uit 6 cijfers bestaan.")]
    [InlineData("1234567", "Code moet uit 6 cijfers bestaan.")]
    [InlineData("abcdef", "Code moet uit 6 cijfers bestaan.")]
    [InlineData("12\u000b3456", "Code moet uit 6 cijfers bestaan.")]
    public async Task Enable_WithSomethingThatIsNoCode_IsRefusedNamingTheField_AndNothingIsStored(string? code, string message)
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var id = await app.CreateUserAsync("manager@gemeente.test", DashboardRoles.Manager);
        await KeyAsync(app, id);

        var done = await app.Get<TwoFactorSetup>().EnableAsync(await ActorAsync(app, id), code);

        Assert.Equal(SaveOutcome.Invalid, done.Result.Outcome);
        Assert.Equal(message, done.Result.ErrorFor("Code"));
        Assert.Empty(done.RecoveryCodes);
        Assert.False((await app.Get<TwoFactorSetup>().StatusAsync(id)).Enabled);
        await using var db = app.CreateDb();
        Assert.Equal(AuditResult.Refused, (await db.AuditEntries.SingleAsync(a => a.Action == "EnableTwoFactor")).Result);
    }

    [Fact]
    public async Task Enable_WithAWrongCode_IsRefused_AuditedWithoutTheCode_AndNothingIsStored()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var id = await app.CreateUserAsync("manager@gemeente.test", DashboardRoles.Manager);
        var key = await KeyAsync(app, id);
        var wrong = Totp.Wrong(key);

        var done = await app.Get<TwoFactorSetup>().EnableAsync(await ActorAsync(app, id), wrong);

        Assert.Equal("Code klopt niet. Vul de code in die de app nu toont.", done.Result.ErrorFor("Code"));
        Assert.False(await WithUsersAsync(app, async u => await u.GetTwoFactorEnabledAsync((await u.FindByIdAsync(id))!)));
        Assert.Equal(0, await WithUsersAsync(app, async u => await u.CountRecoveryCodesAsync((await u.FindByIdAsync(id))!)));
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "EnableTwoFactor");
        Assert.Equal(AuditResult.Refused, audit.Result);
        Assert.DoesNotContain(wrong, audit.NewValues + audit.Message);
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOldOnes_AndEachWorksOnce()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var id = await app.CreateUserAsync("manager@gemeente.test", DashboardRoles.Manager);
        var first = (await EnableAsync(app, id)).RecoveryCodes;

        var second = await app.Get<TwoFactorSetup>().NewRecoveryCodesAsync(await ActorAsync(app, id));

        Assert.True(second.Result.Succeeded);
        Assert.Empty(first.Intersect(second.RecoveryCodes));
        await WithUsersAsync(app, async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, first[0])).Succeeded);
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, second.RecoveryCodes[0])).Succeeded);
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, second.RecoveryCodes[0])).Succeeded);
            Assert.Equal(9, await users.CountRecoveryCodesAsync(user));
            return 0;
        });
    }

    [Fact]
    public async Task ARequiredRole_WithoutASecondFactor_HasNoRightsAtAll_UntilItHasOne()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: Required);
        var id = await app.CreateUserAsync("beheer@gemeente.test", DashboardRoles.Admin);

        var before = await ActorAsync(app, id);
        var refused = await app.Get<UserAdministration>().CreateAsync(before,
            new CreateUserCommand("nieuw@gemeente.test", "Nieuw", DashboardRoles.Admin, "een lange testzin voor iedereen"));
        var plan = await app.Get<PlanEditor>().CreateAsync(before, new CreatePlanCommand("Plan", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), null));

        Assert.Empty(before.Roles);
        Assert.True((await app.Get<TwoFactorSetup>().StatusAsync(id)).Required);
        Assert.Equal(SaveOutcome.Forbidden, refused.Outcome);
        Assert.Equal(SaveOutcome.Forbidden, plan.Outcome);
        await using (var db = app.CreateDb())
        {
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal(0, await db.Plans.CountAsync());
        }

        Assert.True((await EnableAsync(app, id)).Result.Succeeded);

        var after = await ActorAsync(app, id);
        Assert.True(after.IsAdmin);
        Assert.False((await app.Get<TwoFactorSetup>().StatusAsync(id)).Required);
    }

    [Fact]
    public async Task TheRule_CountsOnlyItsRoles_NotAnExemptAccount_NorOneWithoutAPassword()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: Required);
        var releaser = await app.CreateUserAsync("vaststeller@gemeente.test", DashboardRoles.Releaser);
        var manager = await app.CreateUserAsync("manager@gemeente.test", DashboardRoles.Manager);
        var demo = await app.CreateUserAsync("beheerder@demo.local", DashboardRoles.Admin);
        var noPassword = await app.CreateUserAsync("sso@gemeente.test", DashboardRoles.Admin);
        await WithUsersAsync(app, async users =>
        {
            await TwoFactorRule.ExemptAsync(users, (await users.FindByIdAsync(demo))!, "demo");
            await TwoFactorRule.ExemptAsync(users, (await users.FindByIdAsync(demo))!, "demo");
            await users.RemovePasswordAsync((await users.FindByIdAsync(noPassword))!);
            return 0;
        });

        Assert.Empty((await ActorAsync(app, releaser)).Roles);
        Assert.Equal([DashboardRoles.Manager], (await ActorAsync(app, manager)).Roles);
        Assert.True((await ActorAsync(app, demo)).IsAdmin);
        Assert.True((await ActorAsync(app, noPassword)).IsAdmin);
        await using var db = app.CreateDb();
        Assert.Equal(1, await db.UserClaims.CountAsync(c => c.UserId == demo && c.ClaimType == TwoFactorRule.ExemptClaim));
    }

    [Fact]
    public async Task TheSetting_DefaultsToBeheerderAndVaststeller_AnEmptyOneRequiresNobody_AndAnUnknownRoleStopsTheStart()
    {
        await using (var byDefault = await TestApp.InMemoryAsync(seedDemo: false, settings: new Dictionary<string, string?> { ["Security:RequireTwoFactorFor"] = null }))
        {
            Assert.Equal(["beheerder", "vaststeller"], byDefault.Get<TwoFactorRule>().RequiredRoles.Order());
        }
        await using (var empty = await TestApp.InMemoryAsync(seedDemo: false, settings: new Dictionary<string, string?> { ["Security:RequireTwoFactorFor"] = "" }))
        {
            var id = await empty.CreateUserAsync("beheer@gemeente.test", DashboardRoles.Admin);
            Assert.Empty(empty.Get<TwoFactorRule>().RequiredRoles);
            Assert.True((await ActorAsync(empty, id)).IsAdmin);
        }
        await using var typo = await TestApp.InMemoryAsync(seedDemo: false, settings: new Dictionary<string, string?> { ["Security:RequireTwoFactorFor"] = "beheerders" });
        var failure = Assert.Throws<OptionsValidationException>(() => { _ = typo.Get<IOptions<TwoFactorOptions>>().Value; });
        Assert.Contains("RequireTwoFactorFor", failure.Message);
    }

    [Fact]
    public async Task ABeheerder_ResetsAUsersSecondFactor_Audited_AndTheOldKeyAndCodesNoLongerWork()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var admin = await ActorAsync(app, await app.CreateUserAsync("beheer@gemeente.test", DashboardRoles.Admin, name: "Beheerder"));
        var id = await app.CreateUserAsync("manager@gemeente.test", DashboardRoles.Manager);
        var oldKey = await KeyAsync(app, id);
        var codes = (await app.Get<TwoFactorSetup>().EnableAsync(await ActorAsync(app, id), Totp.Now(oldKey))).RecoveryCodes;
        Assert.True(Assert.Single(await app.Get<UserAdministration>().ListAsync(admin), u => u.Id == id).HasTwoFactor);

        var reset = await app.Get<UserAdministration>().ResetTwoFactorAsync(admin, id);

        Assert.True(reset.Succeeded);
        Assert.False(Assert.Single(await app.Get<UserAdministration>().ListAsync(admin), u => u.Id == id).HasTwoFactor);
        Assert.NotEqual(oldKey, await KeyAsync(app, id));
        await WithUsersAsync(app, async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            Assert.False(await users.GetTwoFactorEnabledAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
            Assert.False(await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Totp.Now(oldKey)));
            return 0;
        });
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "ResetTwoFactor");
        Assert.Equal(("Beheerder (beheer@gemeente.test)", AuditResult.Success), (audit.Actor, audit.Result));
    }

    [Fact]
    public async Task AManager_CannotResetAnotherUsersSecondFactor_AndNothingChanges()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var manager = await ActorAsync(app, await app.CreateUserAsync("manager@gemeente.test", DashboardRoles.Manager));
        var id = await app.CreateUserAsync("collega@gemeente.test", DashboardRoles.Manager);
        await EnableAsync(app, id);

        var reset = await app.Get<UserAdministration>().ResetTwoFactorAsync(manager, id);

        Assert.Equal(SaveOutcome.Forbidden, reset.Outcome);
        Assert.True((await app.Get<TwoFactorSetup>().StatusAsync(id)).Enabled);
        await using var db = app.CreateDb();
        Assert.Equal(AuditResult.Forbidden, (await db.AuditEntries.SingleAsync(a => a.Action == "ResetTwoFactor")).Result);
    }
}
