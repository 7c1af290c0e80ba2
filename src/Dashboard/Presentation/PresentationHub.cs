using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Presentation;

/// <summary>Where the presenter is: which presentation (deck) and which slide, as shown on the big screen.</summary>
public sealed record PresenterPosition(string Deck, int? BriefingId, int Slide, int SlideCount, DateTime AtUtc);

/// <summary>
/// Carries the presenter's current slide to everyone who follows on /presentatie/volgen, on any instance. Only
/// someone who may present moves it; followers only listen. The slide is kept in the database (one row) and every
/// move is a change on the <see cref="ChangeFeed"/>, so a follower on another instance moves along, and an instance
/// that restarts knows the slide again. The presenter's screen also keeps its slide in its address and reports it
/// after a reload.
/// </summary>
public sealed class PresentationHub(IDbContextFactory<DashboardDbContext> dbFactory, ChangeFeed feed, DashboardClock clock,
    ILogger<PresentationHub> log)
{
    private readonly Lock _gate = new();
    private readonly List<Func<PresenterPosition, Task>> _followers = [];
    private PresenterPosition? _current;
    private bool _loaded;
    private long _reads, _applied;

    /// <summary>The presenter's slide as this instance last heard it; read from the database the first time.</summary>
    public async Task<PresenterPosition?> CurrentAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_loaded)
            {
                return _current;
            }
        }
        return await ReloadAsync(ct);
    }

    /// <summary>Moves the shared slide; false (and nothing moves) for someone who may not present.</summary>
    public async Task<bool> MoveAsync(Actor actor, string deck, int? briefingId, int slide, int slideCount, CancellationToken ct = default)
    {
        if (!actor.MayPresent || slideCount <= 0)
        {
            return false;
        }
        var position = new PresenterPosition(deck, briefingId, Math.Clamp(slide, 0, slideCount - 1), slideCount, clock.UtcNow);
        if (await CurrentAsync(ct) is { } current && current.Deck == position.Deck && current.Slide == position.Slide
            && current.SlideCount == position.SlideCount)
        {
            return true;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One statement that inserts the row the first time and updates it after, whichever instance is first.
        await feed.SaveAsync(db, [Change.OfSlide], () => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "PresenterSlides" ("Id", "Deck", "BriefingId", "Slide", "SlideCount", "AtUtc")
            VALUES ({PresenterSlide.TheOne}, {position.Deck}, {position.BriefingId}, {position.Slide}, {position.SlideCount}, {position.AtUtc})
            ON CONFLICT ("Id") DO UPDATE SET "Deck" = excluded."Deck", "BriefingId" = excluded."BriefingId",
                "Slide" = excluded."Slide", "SlideCount" = excluded."SlideCount", "AtUtc" = excluded."AtUtc"
            """, ct), ct);
        // This instance knows its own move when the call returns, before the change feed brings it back.
        await ReloadAsync(ct);
        return true;
    }

    /// <summary>Reads the slide from the database and tells the followers if it moved (called through the change feed).</summary>
    public async Task<PresenterPosition?> ReloadAsync(CancellationToken ct = default)
    {
        // Reads may finish out of order (an instance's first read at start-up and the read after a move): a read that began
        // before the one already applied never overwrites it.
        var ticket = Interlocked.Increment(ref _reads);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.PresenterSlides.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PresenterSlide.TheOne, ct);
        var position = row is null ? null : new PresenterPosition(row.Deck, row.BriefingId, row.Slide, row.SlideCount, row.AtUtc);
        Func<PresenterPosition, Task>[] followers;
        lock (_gate)
        {
            if (ticket < _applied)
            {
                return _current;
            }
            _applied = ticket;
            var moved = position is not null && position != _current;
            _current = position;
            _loaded = true;
            followers = moved ? [.. _followers] : [];
        }
        foreach (var follower in followers)
        {
            _ = TellAsync(follower, position!);
        }
        return position;
    }

    /// <summary>Calls <paramref name="onMove"/> on every move of the presenter; dispose to stop following.</summary>
    public IDisposable Follow(Func<PresenterPosition, Task> onMove)
    {
        lock (_gate)
        {
            _followers.Add(onMove);
        }
        return new Subscription(this, onMove);
    }

    private async Task TellAsync(Func<PresenterPosition, Task> follower, PresenterPosition position)
    {
        try
        {
            await follower(position);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "A follower failed to take the presenter's slide");
        }
    }

    private sealed class Subscription(PresentationHub hub, Func<PresenterPosition, Task> onMove) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (hub._gate)
                {
                    hub._followers.Remove(onMove);
                }
            }
        }
    }
}
