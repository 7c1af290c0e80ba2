using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Api;

/// <summary>An API key as the beheerder sees it: never its secret.</summary>
public sealed record ApiTokenView(int Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTime CreatedAt, string CreatedBy,
    DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt, IReadOnlyList<int>? Plans = null)
{
    public bool IsActive(DateTime now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>
/// Make a key: a name that says which system uses it, its scopes, how many days it is valid, and the plans it is limited to
/// (null or none: every plan).
/// </summary>
public sealed record CreateApiTokenCommand(string? Name, IReadOnlyCollection<string>? Scopes, int? Days, IReadOnlyCollection<int>? Plans = null);

/// <summary>The answer to <see cref="ApiTokens.CreateAsync"/>: the secret is in here once, and nowhere else ever.</summary>
public sealed record ApiTokenCreation(SaveResult Result, string? Secret = null, ApiTokenView? Token = null);

/// <summary>A key that was accepted: who it is in the audit trail, what it may do, and in which plans (null: every plan).</summary>
public sealed record AuthenticatedToken(int Id, string Name, IReadOnlySet<string> Scopes, IReadOnlySet<int>? Plans = null);

/// <summary>
/// The API keys (API-sleutels): made, listed and revoked by a beheerder only, every change audited; and the check of a
/// presented secret. The secret is 32 random bytes; only its SHA-256 is stored.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<DashboardDbContext> dbFactory, EditorKit kit)
{
    public const string SecretPrefix = "vd_";
    public const int NameMax = 100;
    public const int MaxDays = 730;
    private const string Type = nameof(ApiToken);
    /// <summary>Last use is written at most this often, so a busy key does not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    /// <summary>Keys belong to no plan.</summary>
    private static readonly Records<ApiToken> Tokens = new(nameof(ApiToken), (db, _, id) => db.ApiTokens.Where(t => t.Id == id));

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin || actor.IsApiKey)
        {
            throw new UnauthorizedAccessException("Only a beheerder may list API keys.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
        return tokens.Select(View).ToList();
    }

    public async Task<ApiTokenCreation> CreateAsync(Actor actor, CreateApiTokenCommand cmd, int defaultDays = 365, CancellationToken ct = default)
    {
        var audited = new { cmd.Name, Scopes = cmd.Scopes is null ? null : string.Join(",", cmd.Scopes), cmd.Days, Plans = PlansText(cmd.Plans) };
        string? secret = null;
        ApiToken? token = null;
        var result = await kit.CreateAsync(new Write(actor, "CreateApiToken", Type, null, audited), Right.Administer, async (db, errors) =>
        {
            var name = errors.Text(nameof(cmd.Name), cmd.Name, NameMax, required: true);
            var scopes = (cmd.Scopes ?? []).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList();
            if (scopes.Count == 0)
            {
                errors.Add(nameof(cmd.Scopes), kit.L["Validation.Required", errors.Label(nameof(cmd.Scopes))]);
            }
            else if (scopes.Any(s => !ApiScopes.All.Contains(s)))
            {
                errors.Add(nameof(cmd.Scopes), kit.L["Validation.InvalidChoice", errors.Label(nameof(cmd.Scopes))]);
            }
            else if (scopes.Contains(ApiScopes.Live) && !(actor.IsAdmin && !actor.IsApiKey))
            {
                // Live values of a plan whose council sees only what was released: a beheerder's decision, whoever else may make keys one day.
                errors.Add(nameof(cmd.Scopes), kit.L["Validation.ApiScopeLiveAdminOnly"]);
            }
            var days = cmd.Days ?? defaultDays;
            if (days is < 1 or > MaxDays)
            {
                errors.Add(nameof(cmd.Days), kit.L["Validation.OutOfRange", errors.Label(nameof(cmd.Days)), 1, MaxDays]);
            }
            var plans = (cmd.Plans ?? []).Distinct().Order().ToList();
            if (plans.Count > 0 && await db.Plans.CountAsync(p => plans.Contains(p.Id), ct) != plans.Count)
            {
                errors.Add(nameof(cmd.Plans), kit.L["Validation.InvalidChoice", errors.Label(nameof(cmd.Plans))]);
            }
            var now = kit.Clock.UtcNow;
            if (name is not null && await db.ApiTokens.AnyAsync(t => t.Name == name && t.RevokedAt == null && t.ExpiresAt > now, ct))
            {
                errors.Add(nameof(cmd.Name), kit.L["Validation.ApiTokenNameTaken", name]);
            }
            if (errors.Any)
            {
                return null;
            }

            secret = NewSecret();
            var made = new ApiToken
            {
                Name = name!,
                Scopes = string.Join(",", ApiScopes.All.Where(scopes.Contains)),
                Plans = PlansText(plans),
                Hash = Hash(secret),
                Prefix = secret[..10],
                CreatedAt = now,
                CreatedBy = actor.AuditName.Length <= 200 ? actor.AuditName : actor.AuditName[..200],
                ExpiresAt = now.AddDays(days),
            };
            token = made;
            // Never the secret, nor its hash.
            return new Audited(null, new { made.Name, made.Scopes, made.Plans, made.Prefix, ExpiresOn = DashboardClock.LocalDate(made.ExpiresAt) })
            {
                Added = made,
                Named = () => (made.Id, null),
                Answer = () => kit.Saved(createdId: made.Id),
            };
        }, ct);
        return result.Succeeded ? new ApiTokenCreation(result, secret, View(token!)) : new ApiTokenCreation(result);
    }

    public Task<SaveResult> RevokeAsync(Actor actor, int tokenId, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "RevokeApiToken", Type, tokenId, new { Id = tokenId }), Right.Administer,
            Tokens.In(null, tokenId), null, (_, token, _) =>
            {
                if (token.RevokedAt is not null)
                {
                    return null;
                }
                token.RevokedAt = kit.Clock.UtcNow;
                return new Audited(null, new { token.Name, token.Prefix });
            }, ct);

    /// <summary>The key with this secret, when it exists, is not revoked and has not expired; its last use is noted.</summary>
    public async Task<AuthenticatedToken?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!LooksLikeSecret(secret))
        {
            return null;
        }
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        var now = kit.Clock.UtcNow;
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }
        if (token.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return new AuthenticatedToken(token.Id, token.Name, ScopesOf(token.Scopes).ToHashSet(), PlansOf(token.Plans)?.ToHashSet());
    }

    /// <summary>"vd_" and 43 characters of base64url: anything else is not a key, and is refused before the database is asked.</summary>
    public static bool LooksLikeSecret(string secret) =>
        secret.Length == SecretPrefix.Length + 43 && secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
        && secret.AsSpan(SecretPrefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    public static string NewSecret() => SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IEnumerable<string> ScopesOf(string scopes) =>
        scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ApiTokenView View(ApiToken t) =>
        new(t.Id, t.Name, ScopesOf(t.Scopes).ToList(), t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, PlansOf(t.Plans));

    /// <summary>The plans column: "3,7", or null for every plan (an empty choice).</summary>
    private static string? PlansText(IEnumerable<int>? plans) =>
        plans?.Any() == true ? string.Join(",", plans.Select(id => id.ToString(CultureInfo.InvariantCulture))) : null;

    private static List<int>? PlansOf(string? plans) =>
        plans?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();

    /// <summary>How a key is named as author and in the audit trail: "API-sleutel ‘Meldingen-koppeling’", always in Dutch (it is stored).</summary>
    public static string ActorName(string tokenName) =>
        string.Format(CultureInfo.InvariantCulture, Texts.GetString("Api.ActorName", CultureInfo.GetCultureInfo("nl"))!, tokenName);

    private static readonly System.Resources.ResourceManager Texts =
        new("Dashboard.Resources.SharedResource", typeof(Resources.SharedResource).Assembly);
}
