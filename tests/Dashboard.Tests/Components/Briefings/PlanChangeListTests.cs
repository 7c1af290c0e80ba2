using Bunit;
using Dashboard.Briefings;
using Dashboard.Components.Briefings;
using Dashboard.Domain;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Briefings;

[Trait("Category", "Fast")]
public class PlanChangeListTests : ComponentTestBase
{
    private static readonly DateOnly October = new(2022, 10, 11);
    private static readonly DateTime Ended = new(2023, 1, 9, 10, 0, 0, DateTimeKind.Utc);

    private IRenderedComponent<PlanChangeList> RenderList(params PlanChange[] changes) =>
        Render<PlanChangeList>(p => p.Add(c => c.Changes, changes).Add(c => c.Since, October));

    private static string Text(AngleSharp.Dom.IElement e) => string.Join(" ", e.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void AddedRenamedAndEnded_AreEachSaid_TheRenameFromOldToNew_TheEndWithDateAndReason()
    {
        var cut = RenderList(
            new PlanChange(PlanChangeKind.Added, 5, SpearpointKind.Substantive, "IS3", "Afval in de binnenstad"),
            new PlanChange(PlanChangeKind.Renamed, 1, SpearpointKind.Development, "SP1", "Informatiegestuurd handhaven", "SP1", "Informatiegestuurd werken"),
            new PlanChange(PlanChangeKind.Ended, 3, SpearpointKind.Development, "SP3", "Communicatie", EndedAt: Ended, Reason: "Opgegaan in SP1"));

        Assert.Equal("Speerpunt toegevoegd: IS3 Afval in de binnenstad", Text(cut.Find("[data-kind='SpearpointAdded']")));
        Assert.Equal("Speerpunt hernoemd: SP1 Informatiegestuurd werken →werd SP1 Informatiegestuurd handhaven",
            Text(cut.Find("[data-kind='SpearpointRenamed']")));
        Assert.Equal("Speerpunt beëindigd: SP3 Communicatie op 09-01-2023 Reden: Opgegaan in SP1", Text(cut.Find("[data-kind='SpearpointEnded']")));
    }

    [Fact]
    public void NoChanges_SaysSo()
    {
        var cut = RenderList();

        Assert.Equal("Geen speerpunten toegevoegd, hernoemd of beëindigd sinds 11-10-2022.", Text(cut.Find(".nothing-changed")));
        Assert.Empty(cut.FindAll(".change-item"));
    }

    [Fact]
    public void StoredText_IsRenderedAsText()
    {
        var cut = RenderList(new PlanChange(PlanChangeKind.Ended, 3, SpearpointKind.Development, "SP3", "<b>vet</b>", EndedAt: Ended,
            Reason: "<img src=x onerror=alert(1)>"));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll(".change-title b"));
        Assert.Contains("<b>vet</b>", cut.Find(".change-title").TextContent);
    }
}
