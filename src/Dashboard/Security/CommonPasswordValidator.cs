using Dashboard.Domain;
using Dashboard.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Length over composition (NIST SP 800-63B): at least 12 characters, no rules about digits or
/// capitals, but a password that is common, guessable from the context, or made of very few different
/// characters is refused. Municipalities can add a larger list with Security:CommonPasswordsFile.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<DashboardUser>
{
    private static readonly string[] ContextWords =
        ["wachtwoord", "password", "welkom", "welcome", "maastricht", "gemeente", "dashboard", "handhaving", "qwerty", "azerty", "letmein", "geheim"];

    private readonly HashSet<string> _common;
    private readonly IStringLocalizer<SharedResource> _localizer;

    public CommonPasswordValidator(IOptions<SecurityOptions> options, IHostEnvironment environment, IStringLocalizer<SharedResource> localizer)
    {
        _localizer = localizer;
        _common = new HashSet<string>(BuiltIn, StringComparer.OrdinalIgnoreCase);
        if (options.Value.CommonPasswordsFile is { Length: > 0 } file)
        {
            foreach (var line in File.ReadLines(Path.GetFullPath(file, environment.ContentRootPath)))
            {
                _common.Add(line.Trim());
            }
        }
    }

    public Task<IdentityResult> ValidateAsync(UserManager<DashboardUser> manager, DashboardUser user, string? password)
    {
        var candidate = (password ?? "").Trim().ToLowerInvariant();
        var weak = _common.Contains(candidate)
            || candidate.Distinct().Count() < 5
            || IsRun(candidate)
            || ContextWords.Any(w => candidate.Contains(w) && Stripped(candidate, w).All(c => !char.IsLetter(c)))
            || (user.Email is { Length: > 0 } email && candidate.Contains(email.Split('@')[0].ToLowerInvariant()) && email.Split('@')[0].Length >= 4);
        return Task.FromResult(weak
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = _localizer["Account.PasswordCommon"] })
            : IdentityResult.Success);
    }

    private static string Stripped(string text, string word) => text.Replace(word, "");

    /// <summary>"123456789012", "abcdefghijkl": one step up or down all the way.</summary>
    private static bool IsRun(string text) =>
        text.Zip(text.Skip(1)).All(p => p.Second - p.First == 1)
        || text.Zip(text.Skip(1)).All(p => p.First - p.Second == 1);

    private static readonly string[] BuiltIn =
    [
        "123456789012", "1234567890123", "12345678901234", "123456789000", "111111111111", "000000000000",
        "qwertyuiopas", "qwertyuiop123", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3",
        "passwordpassword", "password1234", "password12345", "password123456", "passw0rd1234", "p@ssw0rd1234",
        "wachtwoord12", "wachtwoord123", "wachtwoord1234", "welkom123456", "welkomwelkom", "welcome12345",
        "iloveyou1234", "letmein12345", "trustno11234", "sunshine1234", "princess1234", "football1234",
        "baseball1234", "superman1234", "starwars1234", "dragon123456", "monkey123456", "shadow123456",
        "michael12345", "jennifer1234", "computer1234", "internet1234", "asdfghjkl123", "asdfghjklzxc",
        "zxcvbnm12345", "abcdefghijkl", "abc123abc123", "aaaaaaaaaaaa", "mijnwachtwoord", "geheimgeheim",
        "maastricht2022", "maastricht2023", "maastricht2024", "maastricht2025", "maastricht2026",
        "gemeente2024", "gemeente2025", "gemeente2026", "zomer2024zomer", "winter2025winter",
        "voorjaar2025", "najaar2025najaar", "januari2026", "februari2026", "november2026", "december2026",
    ];
}
