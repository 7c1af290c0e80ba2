namespace Dashboard.Security;

/// <summary>The "Security" section of appsettings.json.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Anyone may read without signing in (a public dashboard); changing data always needs a manager.</summary>
    public bool AllowAnonymousRead { get; set; }

    /// <summary>Sign-in attempts per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How often an open screen re-checks that its user is still enabled and unchanged.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An optional file with one common password per line, on top of the built-in list.</summary>
    public string? CommonPasswordsFile { get; set; }

    /// <summary>
    /// The reverse proxies (an address, or a network such as <c>10.0.1.0/24</c>) whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed. Empty: only a proxy on this machine (loopback). When set, only these.
    /// </summary>
    public string[] ForwardedProxies { get; set; } = [];
}
