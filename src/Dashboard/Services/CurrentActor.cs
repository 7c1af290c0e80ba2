using Microsoft.Extensions.Options;

namespace Dashboard.Services;

/// <summary>
/// Who is using this circuit. Until sign-in exists, everyone acts as the configured manager
/// (Dashboard:ActorName); the write methods already take the actor, so sign-in replaces only this.
/// </summary>
public sealed class CurrentActor(IOptions<DashboardOptions> options)
{
    public Task<Actor> GetAsync() =>
        Task.FromResult(new Actor(options.Value.ActorName, new HashSet<string> { DashboardRoles.Manager }));
}
