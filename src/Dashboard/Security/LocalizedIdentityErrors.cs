using Dashboard.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Dashboard.Security;

/// <summary>Identity's messages in the interface language, for the cases this dashboard can meet.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> L) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = L["Account.PasswordTooShort", length] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = L["Account.DuplicateEmail"] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = L["Account.DuplicateEmail"] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = L["Account.InvalidEmail"] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = L["Account.InvalidEmail"] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = L["Account.PasswordMismatch"] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = L["Account.DefaultError"] };
}
