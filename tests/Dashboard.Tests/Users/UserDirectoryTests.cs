using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Users;

/// <summary>The actor of a save is the signed-in user with the roles the database holds at that moment.</summary>
[Trait("Category", Database.Category)]
public class UserDirectoryTests
{
    [Theory]
    [InlineData(DashboardRoles.Admin, true)]
    [InlineData(DashboardRoles.Manager, true)]
    [InlineData(DashboardRoles.CouncilMember, false)]
    [InlineData(DashboardRoles.Presenter, false)]
    public async Task ActorFor_GivesTheUsersRole_AndOnlyManagersAndBeheerdersMayEdit(string role, bool mayEdit)
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var id = await app.CreateUserAsync($"{role}@gemeente.test", role, name: "Naam van de functie");

        var actor = await app.Get<UserDirectory>().ActorForAsync(id);

        Assert.Equal(("Naam van de functie", mayEdit), (actor.Name, actor.MayEdit));
        Assert.Equal($"Naam van de functie ({role}@gemeente.test)", actor.AuditName);
    }

    [Fact]
    public async Task ADisabledUser_HasNoRoles_FromTheVeryNextCall()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var id = await app.CreateUserAsync("m@gemeente.test", DashboardRoles.Manager);
        Assert.True((await app.Get<UserDirectory>().ActorForAsync(id)).MayEdit);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        }

        Assert.False((await app.Get<UserDirectory>().ActorForAsync(id)).MayEdit);
    }

    [Fact]
    public async Task AnUnknownOrMissingUser_IsAnonymous()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);

        Assert.Same(Actor.Anonymous, await app.Get<UserDirectory>().ActorForAsync(null));
        Assert.Same(Actor.Anonymous, await app.Get<UserDirectory>().ActorForAsync("bestaat-niet"));
        Assert.False(Actor.Anonymous.MayEdit);
    }
}
