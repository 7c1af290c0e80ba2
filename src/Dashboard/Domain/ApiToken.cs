namespace Dashboard.Domain;

/// <summary>
/// A key another system uses for the API (API-sleutel). Only a hash of the secret is stored; the secret is
/// shown once, when the key is made. A key acts as its own actor in the audit trail, never as the person who made it.
/// </summary>
public class ApiToken
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Comma-separated scopes: read, measurements, status, live.</summary>
    public required string Scopes { get; set; }
    /// <summary>
    /// Comma-separated ids of the plans the key is limited to; null: every plan. A plan deleted later stays named, so a
    /// limited key never widens to every plan.
    /// </summary>
    public string? Plans { get; set; }
    /// <summary>SHA-256 of the secret, lower-case hex.</summary>
    public required string Hash { get; set; }
    /// <summary>The first characters of the secret, so a person can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// The answer to a POST with an Idempotency-Key: a retried delivery with the same key gets the same answer,
/// and stores nothing a second time.
/// </summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    public int TokenId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? Body { get; set; }
    public DateTime CreatedAt { get; set; }
}
