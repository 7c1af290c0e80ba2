using System.Text.Json;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Oidc;

public sealed record RoleMappingView(int Id, string ProviderValue, string? Role, int? PlanId, string? PlanName);

public sealed record AddRoleMappingCommand(string? ProviderValue, string? Role, int? PlanId);

/// <summary>An account whose last sign-in came with an Entra "groups overage" token: its groups were not in the token.</summary>
public sealed record OverageView(string UserId, string Email, string DisplayName);

/// <summary>What the mapped values of one sign-in grant: the roles, and the plans the account edits through a mapping.</summary>
public sealed record Granted(IReadOnlySet<string> Roles, IReadOnlySet<int> Plans)
{
    public bool Any => Roles.Count > 0 || Plans.Count > 0;
}

/// <summary>
/// The beheerder's mapping of the provider's role claim values (Entra app roles or group ids, Keycloak roles) to roles and
/// to redacteur of a plan (/beheer, <em>Groepen en rollen</em>), and applying it to an account at each sign-in and
/// refresh. The rule: an SSO account's roles are exactly its mapped roles; of its redacteur rows only those that a
/// mapping made (<see cref="PlanEditorship.FromMapping"/>) follow the mapping, rows a person set by hand stay.
/// A mapping change applies at once to the accounts whose last values it touches, and renews their security stamp.
/// </summary>
public sealed class RoleMappings(IServiceScopeFactory scopes, EditorKit kit)
{
    private const string Type = "RoleMapping";
    public const int MaxValueLength = 256;

    /// <summary>The provider values an account came with last (user token of the oidc login provider).</summary>
    public const string ValuesToken = "role_values";

    /// <summary>Set while the account's last token was an Entra groups overage token.</summary>
    public const string OverageToken = "groups_overage";

    public async Task<IReadOnlyList<RoleMappingView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await kit.CreateDbAsync(ct);
        var rows = await db.RoleMappings.AsNoTracking()
            .Select(m => new RoleMappingView(m.Id, m.ProviderValue, m.Role, m.PlanId, db.Plans.Where(p => p.Id == m.PlanId).Select(p => p.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.ProviderValue, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Role).ThenBy(r => r.PlanName).ToList();
    }

    /// <summary>The plans a mapping may make someone redacteur of, by name.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> PlansAsync(Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await kit.CreateDbAsync(ct);
        var plans = await db.Plans.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        return plans.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).Select(p => (p.Id, p.Name)).ToList();
    }

    /// <summary>The accounts whose groups did not fit in their last token (Entra's limit of 200 groups).</summary>
    public async Task<IReadOnlyList<OverageView>> OverageAsync(Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await kit.CreateDbAsync(ct);
        var rows = await db.UserTokens.AsNoTracking().Where(t => t.LoginProvider == OidcOptions.Scheme && t.Name == OverageToken)
            .Join(db.Users, t => t.UserId, u => u.Id, (_, u) => new OverageView(u.Id, u.Email ?? "", u.DisplayName))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<SaveResult> AddAsync(Actor actor, AddRoleMappingCommand cmd, CancellationToken ct = default)
    {
        const string action = "AddRoleMapping";
        var write = new Write(actor, action, Type, null, new { cmd.ProviderValue, cmd.Role, cmd.PlanId });
        if (await kit.ForbiddenUnlessAsync(write, Right.Administer, null, ct) is { } forbidden)
        {
            return forbidden;
        }
        var errors = kit.NewErrors();
        var value = (cmd.ProviderValue ?? "").Trim();
        if (value.Length == 0)
        {
            errors.Add("ProviderValue", kit.L["Validation.Required", kit.L["Oidc.ProviderValue"]]);
        }
        else if (value.Length > MaxValueLength)
        {
            errors.Add("ProviderValue", kit.L["Validation.TooLong", kit.L["Oidc.ProviderValue"], MaxValueLength, value.Length]);
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add("ProviderValue", kit.L["Validation.SingleLine", kit.L["Oidc.ProviderValue"]]);
        }
        var role = cmd.Role is { Length: > 0 } r ? r : null;
        if ((role is null) == (cmd.PlanId is null) || (role is not null && !DashboardRoles.All.Contains(role)))
        {
            errors.Add("Target", kit.L["Validation.InvalidChoice", kit.L["Oidc.Target"]]);
        }
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        if (!errors.Any && cmd.PlanId is { } planId && !await db.Plans.AnyAsync(p => p.Id == planId, ct))
        {
            errors.Add("Target", kit.L["Validation.InvalidChoice", kit.L["Oidc.Target"]]);
        }
        if (!errors.Any && await db.RoleMappings.AnyAsync(m => m.ProviderValue == value && m.Role == role && m.PlanId == cmd.PlanId, ct))
        {
            errors.Add("ProviderValue", kit.L["Oidc.DuplicateMapping"]);
        }
        if (errors.Any)
        {
            return await kit.InvalidAsync(write, errors, ct);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var mapping = new RoleMapping { ProviderValue = value, Role = role, PlanId = cmd.PlanId };
        db.RoleMappings.Add(mapping);
        await db.SaveChangesAsync(ct);
        kit.Audit.Add(db, actor, action, Type, mapping.Id, null, null, new { ProviderValue = value, Role = role, cmd.PlanId });
        await db.SaveChangesAsync(ct);
        await ReapplyAsync(db, users, value, ct);
        await tx.CommitAsync(ct);
        return kit.Saved();
    }

    public async Task<SaveResult> RemoveAsync(Actor actor, int id, CancellationToken ct = default)
    {
        const string action = "RemoveRoleMapping";
        var write = new Write(actor, action, Type, id, new { });
        if (await kit.ForbiddenUnlessAsync(write, Right.Administer, null, ct) is { } forbidden)
        {
            return forbidden;
        }
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        var mapping = await db.RoleMappings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (mapping is null)
        {
            var errors = kit.NewErrors();
            errors.Add("Id", kit.L["Validation.NotFound", kit.L["Oidc.Mapping"]]);
            return await kit.InvalidAsync(write, errors, ct);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.RoleMappings.Remove(mapping);
        kit.Audit.Add(db, actor, action, Type, id, null, new { mapping.ProviderValue, mapping.Role, mapping.PlanId }, null);
        await db.SaveChangesAsync(ct);
        await ReapplyAsync(db, users, mapping.ProviderValue, ct);
        await tx.CommitAsync(ct);
        return kit.Saved();
    }

    /// <summary>What <paramref name="values"/> grant under the current mappings.</summary>
    public static async Task<Granted> GrantedAsync(DashboardDbContext db, IReadOnlyCollection<string> values, CancellationToken ct)
    {
        var list = values.Distinct().ToList();
        var rows = list.Count == 0 ? [] : await db.RoleMappings.AsNoTracking().Where(m => list.Contains(m.ProviderValue)).ToListAsync(ct);
        return new Granted(
            rows.Where(m => m.Role is not null).Select(m => m.Role!).ToHashSet(),
            rows.Where(m => m.PlanId is not null).Select(m => m.PlanId!.Value).ToHashSet());
    }

    /// <summary>
    /// Sets the account's roles to exactly what <paramref name="values"/> grant, syncs its redacteur rows that came from
    /// mappings, and remembers the values (and whether the token was a groups overage token). True when a right changed.
    /// </summary>
    public static async Task<(Granted Granted, bool Changed)> ApplyAsync(DashboardDbContext db, UserManager<DashboardUser> users, DashboardUser user,
        IReadOnlyCollection<string> values, bool overage, CancellationToken ct)
    {
        var granted = await GrantedAsync(db, values, ct);
        var changed = false;
        var current = await users.GetRolesAsync(user);
        foreach (var role in current.Where(r => !granted.Roles.Contains(r)).ToList())
        {
            await users.RemoveFromRoleAsync(user, role);
            changed = true;
        }
        foreach (var role in granted.Roles.Where(r => !current.Contains(r)).ToList())
        {
            await users.AddToRoleAsync(user, role);
            changed = true;
        }
        var rows = await db.PlanEditors.Where(e => e.UserId == user.Id).ToListAsync(ct);
        var stale = rows.Where(e => e.FromMapping && !granted.Plans.Contains(e.PlanId)).ToList();
        var added = granted.Plans.Where(p => rows.All(e => e.PlanId != p)).Select(p => new PlanEditorship { PlanId = p, UserId = user.Id, FromMapping = true }).ToList();
        db.PlanEditors.RemoveRange(stale);
        db.PlanEditors.AddRange(added);
        changed |= stale.Count > 0 || added.Count > 0;
        await users.SetAuthenticationTokenAsync(user, OidcOptions.Scheme, ValuesToken, JsonSerializer.Serialize(values.Distinct().Order(StringComparer.Ordinal)));
        if (overage)
        {
            await users.SetAuthenticationTokenAsync(user, OidcOptions.Scheme, OverageToken, "1");
        }
        else
        {
            await users.RemoveAuthenticationTokenAsync(user, OidcOptions.Scheme, OverageToken);
        }
        await db.SaveChangesAsync(ct);
        return (granted, changed);
    }

    /// <summary>The provider values an account came with at its last sign-in or refresh.</summary>
    public static async Task<IReadOnlyList<string>> LastValuesAsync(UserManager<DashboardUser> users, DashboardUser user) =>
        await users.GetAuthenticationTokenAsync(user, OidcOptions.Scheme, ValuesToken) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<string>>(json) ?? []
            : [];

    /// <summary>Applies the mappings again to every account that last came with <paramref name="value"/>, with a new security stamp when a right changed.</summary>
    private static async Task ReapplyAsync(DashboardDbContext db, UserManager<DashboardUser> users, string value, CancellationToken ct)
    {
        var quoted = JsonSerializer.Serialize(value);
        var candidates = await db.UserTokens.AsNoTracking()
            .Where(t => t.LoginProvider == OidcOptions.Scheme && t.Name == ValuesToken && t.Value != null && t.Value.Contains(quoted))
            .Select(t => t.UserId).ToListAsync(ct);
        foreach (var userId in candidates)
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                continue;
            }
            var values = await LastValuesAsync(users, user);
            var overage = await users.GetAuthenticationTokenAsync(user, OidcOptions.Scheme, OverageToken) is not null;
            if (values.Contains(value) && (await ApplyAsync(db, users, user, values, overage, ct)).Changed)
            {
                await users.UpdateSecurityStampAsync(user);
            }
        }
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsAdmin || actor.IsApiKey)
        {
            throw new UnauthorizedAccessException("Only a beheerder may read the role mappings.");
        }
    }

    private static (DashboardDbContext Db, UserManager<DashboardUser> Users) Resolve(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<DashboardDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>());
}
