using Dashboard.Domain;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>The password rule: at least 12 characters, no composition rules (no forced digits or capitals), common passwords refused.</summary>
[Trait("Category", Database.Category)]
public class PasswordPolicyTests
{
    private static async Task<IdentityResult> TryAsync(string password, string email = "iemand@gemeente.test")
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        return await users.CreateAsync(new DashboardUser { UserName = email, Email = email, DisplayName = "Iemand" }, password);
    }

    [Theory]
    [InlineData("korter dan 1")] // exactly 12 characters
    [InlineData("alleen kleine letters en spaties")]
    [InlineData("ZONDER CIJFERS OF TEKENS")]
    [InlineData("koffie-met-een-koekje")]
    public async Task LongPasswords_WithoutCompositionRules_AreAccepted(string password)
    {
        var result = await TryAsync(password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task ElevenCharacters_AreRefused_WithADutchMessage()
    {
        var result = await TryAsync("elf tekens!");

        Assert.False(result.Succeeded);
        Assert.Contains("Wachtwoord moet ten minste 12 tekens lang zijn.", result.Errors.Select(e => e.Description));
    }

    [Theory]
    [InlineData("123456789012")]
    [InlineData("wachtwoord12")]
    [InlineData("Welkom123456")]
    [InlineData("Maastricht2027!")]
    [InlineData("qwerty123456789")]
    [InlineData("aaaaaaaaaaaaaaab")]
    [InlineData("abcdefghijklm")]
    [InlineData("iemand-heeft-een-sleutel")]
    public async Task CommonOrGuessablePasswords_AreRefused(string password)
    {
        var result = await TryAsync(password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description.StartsWith("Wachtwoord is te makkelijk te raden"));
    }
}
