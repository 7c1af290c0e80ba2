namespace Dashboard.Oidc;

/// <summary>
/// The "Authentication:Oidc" section: sign-in with the municipality's accounts (Entra ID, ADFS, Keycloak) through
/// OpenID Connect, authorization code with PKCE. Without an Authority and a ClientId nothing of it is switched on.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme of the provider (and the login provider name of linked accounts).</summary>
    public const string Scheme = "oidc";

    /// <summary>The issuer's address, e.g. https://login.microsoftonline.com/{tenant}/v2.0.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the groups or app roles that <see cref="RoleMapping"/> maps: "roles" (Entra app roles, Keycloak's mapper) or "groups".</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The organisation's name on the sign-in page, e.g. "Gemeente Maastricht".</summary>
    public string? DisplayName { get; set; }

    /// <summary>The scopes asked for besides openid; offline_access brings the refresh token that the revalidation uses.</summary>
    public string[] Scopes { get; set; } = ["profile", "email", "offline_access"];

    /// <summary>Only a provider on loopback, for a trial, may be reached over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>The "Authentication" section's switch for the password form.</summary>
public sealed class LocalAccountOptions
{
    /// <summary>Authentication:LocalAccounts: sign-in with e-mail and password (on unless switched off; with OIDC on, off leaves only the organisation account).</summary>
    public bool LocalAccounts { get; set; } = true;
}
