using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Users;

public sealed record UserView(string Id, string Email, string DisplayName, string? Role, bool IsDisabled, bool IsLockedOut, bool HasTwoFactor = false);

public sealed record CreateUserCommand(string? Email, string? DisplayName, string? Role, string? Password);

public sealed record ChangeRoleCommand(string UserId, string? Role);

public sealed record SetDisabledCommand(string UserId, bool Disabled);

public sealed record SetPasswordCommand(string UserId, string? Password);

/// <summary>
/// The beheerder's user management for /beheer: there is no self-registration. Every change is a
/// beheerder's, audited, and gives the user a new security stamp so that their open screens and other
/// browsers pick it up within a minute. At least one active beheerder always remains.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, EditorKit kit, TimeProvider time)
{
    private const string Type = "User";

    public async Task<IReadOnlyList<UserView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin)
        {
            throw new UnauthorizedAccessException("Only a beheerder may list users.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.IsDisabled, u.LockoutEnd, u.TwoFactorEnabled,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // Sorted here, not by the database: SQLite compares bytes (Z before a), PostgreSQL by its collation.
        return users
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Email, StringComparer.Ordinal)
            .Select(u => new UserView(u.Id, u.Email ?? "", u.DisplayName, u.Role, u.IsDisabled, u.LockoutEnd > now, u.TwoFactorEnabled)).ToList();
    }

    public async Task<SaveResult> CreateAsync(Actor actor, CreateUserCommand cmd, CancellationToken ct = default)
    {
        const string action = "CreateUser";
        var write = new Write(actor, action, Type, null, new { cmd.Email, cmd.DisplayName, cmd.Role }); // never the password
        if (await kit.ForbiddenUnlessAsync(write, Right.Administer, null, ct) is { } forbidden)
        {
            return forbidden;
        }
        var errors = kit.NewErrors();
        var email = errors.Text(nameof(cmd.Email), cmd.Email, 256, required: true);
        if (email is not null && !LooksLikeEmail(email))
        {
            errors.Add(nameof(cmd.Email), kit.L["Account.InvalidEmail"]);
        }
        var name = errors.Text(nameof(cmd.DisplayName), cmd.DisplayName, 200, required: true);
        var role = Role(errors, cmd.Role);
        if (string.IsNullOrEmpty(cmd.Password))
        {
            errors.Add(nameof(cmd.Password), kit.L["Validation.Required", errors.Label(nameof(cmd.Password))]);
        }
        if (errors.Any)
        {
            return await kit.InvalidAsync(write, errors, ct);
        }

        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new DashboardUser { UserName = email, Email = email, DisplayName = name!, EmailConfirmed = true };
        var created = await users.CreateAsync(user, cmd.Password!);
        if (!created.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return await IdentityRefusalAsync(write, created, ct);
        }
        await users.AddToRoleAsync(user, role!);
        kit.Audit.Add(db, actor, action, Type, user.Id, null, null, new { Email = email, DisplayName = name, Role = role });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return kit.Saved();
    }

    public Task<SaveResult> ChangeRoleAsync(Actor actor, ChangeRoleCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(actor, "ChangeRole", cmd.UserId, new { cmd.Role }, async (users, user, current, errors) =>
        {
            var role = Role(errors, cmd.Role);
            if (role is null || role == current)
            {
                return null;
            }
            if (current == DashboardRoles.Admin && !await AnotherActiveAdminAsync(users, user))
            {
                errors.Add("Role", kit.L["Admin.LastAdmin"]);
                return null;
            }
            if (current is not null)
            {
                await users.RemoveFromRoleAsync(user, current);
            }
            await users.AddToRoleAsync(user, role);
            return (new { Role = current }, new { Role = role });
        }, ct);

    public Task<SaveResult> SetDisabledAsync(Actor actor, SetDisabledCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(actor, cmd.Disabled ? "DisableUser" : "EnableUser", cmd.UserId, new { cmd.Disabled }, async (users, user, current, errors) =>
        {
            if (user.IsDisabled == cmd.Disabled)
            {
                return null;
            }
            if (cmd.Disabled && current == DashboardRoles.Admin && !await AnotherActiveAdminAsync(users, user))
            {
                errors.Add("Role", kit.L["Admin.LastAdmin"]);
                return null;
            }
            user.IsDisabled = cmd.Disabled;
            await users.UpdateAsync(user);
            return (new { IsDisabled = !cmd.Disabled }, new { IsDisabled = cmd.Disabled });
        }, ct);

    public Task<SaveResult> UnlockAsync(Actor actor, string userId, CancellationToken ct = default) =>
        ChangeAsync(actor, "UnlockUser", userId, new { }, async (users, user, _, _) =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return (new { Locked = true }, new { Locked = false });
        }, ct);

    /// <summary>
    /// For someone who lost their authenticator and recovery codes: the second factor off, its key and recovery codes
    /// replaced by ones nobody has. Whoever must have one sets it up again at their next sign-in.
    /// </summary>
    public Task<SaveResult> ResetTwoFactorAsync(Actor actor, string userId, CancellationToken ct = default) =>
        ChangeAsync(actor, "ResetTwoFactor", userId, new { }, async (users, user, _, _) =>
        {
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                return null;
            }
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            return (new { TwoFactorEnabled = true }, new { TwoFactorEnabled = false });
        }, ct);

    public Task<SaveResult> SetPasswordAsync(Actor actor, SetPasswordCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(actor, "SetPassword", cmd.UserId, new { }, async (users, user, _, errors) =>
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, cmd.Password ?? "");
                foreach (var error in check.Errors)
                {
                    errors.Add("Password", error.Description);
                }
            }
            if (errors.Any)
            {
                return null;
            }
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, cmd.Password!);
            return (null, new { Password = "(nieuw)" });
        }, ct);

    /// <summary>Load the user, apply, audit, new security stamp, commit: the shape of every change.</summary>
    private async Task<SaveResult> ChangeAsync(Actor actor, string action, string userId, object audited,
        Func<UserManager<DashboardUser>, DashboardUser, string?, FieldErrors, Task<(object? Old, object New)?>> apply, CancellationToken ct)
    {
        var write = new Write(actor, action, Type, userId, audited);
        if (await kit.ForbiddenUnlessAsync(write, Right.Administer, null, ct) is { } forbidden)
        {
            return forbidden;
        }
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return await kit.NotFoundAsync(write, "User", ct);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = (await users.GetRolesAsync(user)).FirstOrDefault();
        var errors = kit.NewErrors();
        var change = await apply(users, user, current, errors);
        if (errors.Any)
        {
            await tx.RollbackAsync(ct);
            return await kit.InvalidAsync(write, errors, ct);
        }
        if (change is { } c)
        {
            await users.UpdateSecurityStampAsync(user);
            kit.Audit.Add(db, actor, action, Type, user.Id, null, c.Old, c.New, user.Email);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return kit.Saved();
    }

    private async Task<SaveResult> IdentityRefusalAsync(Write write, IdentityResult result, CancellationToken ct)
    {
        var errors = kit.NewErrors();
        foreach (var error in result.Errors)
        {
            errors.Add(error.Code.Contains("Email") || error.Code.Contains("UserName") ? "Email" : "Password", error.Description);
        }
        return await kit.InvalidAsync(write, errors, ct);
    }

    private string? Role(FieldErrors errors, string? role)
    {
        if (role is not null && DashboardRoles.All.Contains(role))
        {
            return role;
        }
        errors.Add("Role", kit.L["Validation.InvalidChoice", errors.Label("Role")]);
        return null;
    }

    private static async Task<bool> AnotherActiveAdminAsync(UserManager<DashboardUser> users, DashboardUser user) =>
        (await users.GetUsersInRoleAsync(DashboardRoles.Admin)).Any(u => u.Id != user.Id && !u.IsDisabled);

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Contains(' ');
    }

    private static (DashboardDbContext Db, UserManager<DashboardUser> Users) Resolve(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<DashboardDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>());
}
