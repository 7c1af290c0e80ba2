using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Users;

[Trait("Category", Database.Category)]
public class UserAdministrationTests
{
    private static async Task<(TestApp App, Actor Admin, string AdminId)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync(seedDemo: false);
        var adminId = await app.CreateUserAsync("beheer@gemeente.test", DashboardRoles.Admin, name: "Beheerder");
        return (app, await app.Get<UserDirectory>().ActorForAsync(adminId), adminId);
    }

    private static async Task<string?> StampAsync(TestApp app, string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        return (await users.FindByIdAsync(id))!.SecurityStamp;
    }

    [Fact]
    public async Task Create_MakesAUserWithOneRole_AndAuditsItWithoutThePassword()
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;

        var result = await app.Get<UserAdministration>().CreateAsync(admin,
            new CreateUserCommand("raadslid@gemeente.test", "Raadslid Algemene Zaken", DashboardRoles.CouncilMember, "lees alles voor de sessie"));

        Assert.True(result.Succeeded);
        var listed = Assert.Single(await app.Get<UserAdministration>().ListAsync(admin), u => u.Email == "raadslid@gemeente.test");
        Assert.Equal((DashboardRoles.CouncilMember, false), (listed.Role, listed.IsDisabled));
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "CreateUser");
        Assert.Equal("Beheerder (beheer@gemeente.test)", audit.Actor);
        Assert.DoesNotContain("lees alles", audit.NewValues);
    }

    [Fact]
    public async Task TheList_IsInTheOrderOfTheAddresses_WhateverTheirCapitals_OnEitherDatabase()
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;
        // Byte order (SQLite's) would put Z before a, a linguistic collation (PostgreSQL's) the other way round.
        foreach (var email in new[] { "Zora.Vos@gemeente.test", "anna@gemeente.test", "Bert@gemeente.test", "a.jansen@gemeente.test" })
        {
            await app.CreateUserAsync(email, DashboardRoles.Manager);
        }

        var listed = (await app.Get<UserAdministration>().ListAsync(admin)).Select(u => u.Email);

        Assert.Equal(["a.jansen@gemeente.test", "anna@gemeente.test", "beheer@gemeente.test", "Bert@gemeente.test", "Zora.Vos@gemeente.test"], listed);
    }

    [Theory]
    [InlineData("", "Naam", DashboardRoles.Manager, "een lange zin als wachtwoord", "Email", "E-mailadres is verplicht.")]
    [InlineData("geen-adres", "Naam", DashboardRoles.Manager, "een lange zin als wachtwoord", "Email", "E-mailadres is niet geldig.")]
    [InlineData("a@gemeente.test", "", DashboardRoles.Manager, "een lange zin als wachtwoord", "DisplayName", "Naam is verplicht.")]
    [InlineData("a@gemeente.test", "Naam", "superuser", "een lange zin als wachtwoord", "Role", "Rol heeft een waarde die niet in de lijst staat.")]
    [InlineData("a@gemeente.test", "Naam", DashboardRoles.Manager, "kort", "Password", "Wachtwoord moet ten minste 12 tekens lang zijn.")]
    [InlineData("a@gemeente.test", "Naam", DashboardRoles.Manager, "wachtwoord123", "Password", "Wachtwoord is te makkelijk te raden")]
    [InlineData("beheer@gemeente.test", "Naam", DashboardRoles.Manager, "een lange zin als wachtwoord", "Email", "E-mailadres is al in gebruik.")]
    public async Task Create_WithBadInput_IsRefusedAtTheField_AndCreatesNobody(string email, string name, string role, string password, string field, string message)
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;

        var result = await app.Get<UserAdministration>().CreateAsync(admin, new CreateUserCommand(email, name, role, password));

        Assert.False(result.Succeeded);
        Assert.StartsWith(message, result.ErrorFor(field));
        Assert.Single(await app.Get<UserAdministration>().ListAsync(admin));
    }

    [Theory]
    [InlineData(DashboardRoles.Manager)]
    [InlineData(DashboardRoles.CouncilMember)]
    [InlineData(DashboardRoles.Presenter)]
    public async Task OnlyABeheerder_ManagesUsers(string role)
    {
        var (app, _, adminId) = await StartAsync();
        await using var _ = app;
        var someone = await app.Get<UserDirectory>().ActorForAsync(await app.CreateUserAsync($"{role}@gemeente.test", role));
        var administration = app.Get<UserAdministration>();

        Assert.Equal(SaveOutcome.Forbidden, (await administration.CreateAsync(someone, new CreateUserCommand("x@gemeente.test", "X", DashboardRoles.Admin, "een lange zin als wachtwoord"))).Outcome);
        Assert.Equal(SaveOutcome.Forbidden, (await administration.ChangeRoleAsync(someone, new ChangeRoleCommand(adminId, DashboardRoles.CouncilMember))).Outcome);
        Assert.Equal(SaveOutcome.Forbidden, (await administration.SetDisabledAsync(someone, new SetDisabledCommand(adminId, true))).Outcome);
        Assert.Equal(SaveOutcome.Forbidden, (await administration.SetPasswordAsync(someone, new SetPasswordCommand(adminId, "een lange zin als wachtwoord"))).Outcome);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => administration.ListAsync(someone));
        Assert.Equal(DashboardRoles.Admin, (await app.Get<UserDirectory>().ActorForAsync(adminId)).Roles.Single());
    }

    [Fact]
    public async Task ChangingARoleOrDisabling_GivesANewSecurityStamp_AndCountsAtTheNextSave()
    {
        var (app, admin, _) = await StartAsync();
        await using var _ = app;
        var id = await app.CreateUserAsync("m@gemeente.test", DashboardRoles.Manager);
        var stamp = await StampAsync(app, id);

        await app.Get<UserAdministration>().ChangeRoleAsync(admin, new ChangeRoleCommand(id, DashboardRoles.CouncilMember));
        var afterRole = await StampAsync(app, id);
        Assert.NotEqual(stamp, afterRole);
        Assert.False((await app.Get<UserDirectory>().ActorForAsync(id)).MayEdit);

        await app.Get<UserAdministration>().ChangeRoleAsync(admin, new ChangeRoleCommand(id, DashboardRoles.Manager));
        await app.Get<UserAdministration>().SetDisabledAsync(admin, new SetDisabledCommand(id, true));
        Assert.NotEqual(afterRole, await StampAsync(app, id));
        Assert.False((await app.Get<UserDirectory>().ActorForAsync(id)).MayEdit);
    }

    [Fact]
    public async Task TheLastActiveBeheerder_CannotBeDisabledOrDemoted()
    {
        var (app, admin, adminId) = await StartAsync();
        await using var _ = app;
        var administration = app.Get<UserAdministration>();

        var disable = await administration.SetDisabledAsync(admin, new SetDisabledCommand(adminId, true));
        var demote = await administration.ChangeRoleAsync(admin, new ChangeRoleCommand(adminId, DashboardRoles.Manager));

        Assert.Equal("Er moet ten minste één actieve beheerder blijven.", disable.ErrorFor("Role"));
        Assert.Equal("Er moet ten minste één actieve beheerder blijven.", demote.ErrorFor("Role"));
        Assert.True((await app.Get<UserDirectory>().ActorForAsync(adminId)).IsAdmin);

        var second = await app.CreateUserAsync("beheer2@gemeente.test", DashboardRoles.Admin);
        Assert.True((await administration.SetDisabledAsync(admin, new SetDisabledCommand(adminId, true))).Succeeded);
        Assert.True((await app.Get<UserDirectory>().ActorForAsync(second)).IsAdmin);
    }
}
