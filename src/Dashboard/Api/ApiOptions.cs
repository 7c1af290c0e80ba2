namespace Dashboard.Api;

/// <summary>The "Api" section of appsettings.json.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests per API key (or, without one, per client address) per minute; past it the answer is 429.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>
    /// Wrong, expired or revoked keys per client address per minute; past it that address is answered 429 with
    /// Retry-After until the minute is over (a valid key never is).
    /// </summary>
    public int FailedKeysPerMinute { get; set; } = 10;

    /// <summary>The largest request body the API accepts, in bytes; a larger one is refused with 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Origins (https://intranet.example.nl) whose web pages may call the API from a browser. Empty: no CORS at all.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>How long a key made without a number of days stays valid.</summary>
    public int DefaultTokenDays { get; set; } = 365;
}
