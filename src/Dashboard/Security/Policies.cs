namespace Dashboard.Security;

public static class Policies
{
    /// <summary>Reading the dashboard: signed in, unless Dashboard:AllowAnonymousRead makes it a public dashboard.</summary>
    public const string Read = "Read";

    /// <summary>The /beheer page: beheerders only.</summary>
    public const string Admin = "Admin";
}
