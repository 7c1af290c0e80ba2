using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Mail;

/// <summary>The app's services with Mail:Host pointing at a real SMTP server in this process.</summary>
public static class MailFixture
{
    public const string BaseUrl = "https://dashboard.example.nl";

    public static Dictionary<string, string?> Settings(SmtpTestServer smtp, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
            ["Mail:From"] = "Dashboard <dashboard@gemeente.example.nl>",
            ["Mail:BaseUrl"] = BaseUrl + "/",
            ["Mail:TimeoutSeconds"] = "10",
            ["Dashboard:ChromiumPath"] = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    public static async Task SetAsync(this TestApp app, string userId, Action<DashboardUser> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException(userId);
        change(user);
        await users.UpdateAsync(user);
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(this TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The Dutch wall-clock time as the fake clock's UTC instant.</summary>
    public static DateTimeOffset Dutch(int year, int month, int day, int hour, int minute = 0) =>
        new(DashboardClock.StartOfDayUtc(new DateOnly(year, month, day)).AddHours(hour).AddMinutes(minute), TimeSpan.Zero);

    public static Actor ActorFor(string userId, string role, string name = "Iemand") =>
        new(name, new HashSet<string> { role }, "web", $"{name}@example.nl", userId);
}
