using Dashboard.Presentation;

namespace Dashboard.Domain;

/// <summary>
/// Where the presenter is, kept in the database so that followers on any instance, and an instance that restarts,
/// see the same slide. One row (<see cref="TheOne"/>): there is one big screen at a time.
/// </summary>
public class PresenterSlide
{
    public const int TheOne = 1;

    public int Id { get; set; } = TheOne;
    public required string Deck { get; set; }
    public int? BriefingId { get; set; }
    public int Slide { get; set; }
    public int SlideCount { get; set; }
    public DateTime AtUtc { get; set; }
}
