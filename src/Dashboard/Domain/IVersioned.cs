namespace Dashboard.Domain;

/// <summary>
/// A record with an app-managed concurrency token: every change to it bumps <see cref="Version"/>, and a change made
/// on an older version is refused as a conflict.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}
