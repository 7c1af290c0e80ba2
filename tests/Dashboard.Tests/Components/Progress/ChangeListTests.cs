using Bunit;
using Dashboard.Briefings;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Progress;

[Trait("Category", "Fast")]
public class ChangeListTests : ComponentTestBase
{
    [Fact]
    public void Changes_ShowWhoWhatWhenAndOldAndNewInDutchWords()
    {
        var cut = Render<ChangeList>(p => p.Add(c => c.Changes, new[]
        {
            new AuditEntryView(2, new DateTime(2023, 2, 1, 9, 30, 0, DateTimeKind.Utc), "Raadslid", "UpdateStatus", AuditResult.Forbidden,
                "U mag dit niet wijzigen. Er is niets opgeslagen.", []),
            new AuditEntryView(1, new DateTime(2023, 1, 31, 13, 0, 0, DateTimeKind.Utc), "Interim-manager HOR", "EditMilestone", AuditResult.Success, null,
                [new AuditChange("State", "OnTrack", "Delayed"), new AuditChange("DueDate", "2023-03-01", "2023-04-15")]),
        }));

        var items = cut.FindAll("ol.change-list > li");
        Assert.Contains("Status bijgewerkt", items[0].TextContent);
        Assert.Contains("geweigerd: geen recht", items[0].TextContent);
        Assert.Contains("01-02-2023 10:30 · Raadslid", items[0].TextContent);
        Assert.Contains("Mijlpaal bewerkt", items[1].TextContent);
        var fields = items[1].QuerySelectorAll(".change-fields li").Select(li => li.TextContent.Replace("\n", " ")).ToList();
        Assert.Contains("Stand", fields[0]);
        Assert.Equal(("Op koers", "Vertraagd"), (items[1].QuerySelector(".change-old")!.TextContent, items[1].QuerySelector(".change-new")!.TextContent));
        Assert.Contains("01-03-2023", fields[1]);
        Assert.Contains("15-04-2023", fields[1]);
    }

    [Fact]
    public void Changes_RenderStoredValuesAsText()
    {
        var cut = Render<ChangeList>(p => p.Add(c => c.Changes, new[]
        {
            new AuditEntryView(1, DateTime.UtcNow, "<i>x</i>", "UpdateStatus", AuditResult.Success, null,
                [new AuditChange("Explanation", null, "<img src=x onerror=alert(1)>")]),
        }));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll(".change-meta i"));
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find(".change-new").TextContent);
    }
}
