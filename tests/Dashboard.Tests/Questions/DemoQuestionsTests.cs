using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Questions;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Questions;

/// <summary>A new install with the demo shows the February 2023 briefing's technische vragen: answered, one late, one not public.</summary>
[Trait("Category", Database.Category)]
public class DemoQuestionsTests
{
    [Fact]
    public async Task TheFebruaryBriefing_HasAnsweredQuestions_OneAnsweredLate_OneAskedLate_OneNotPublic()
    {
        await using var app = await TestApp.InMemoryAsync();
        await using var db = app.CreateDb();
        var briefing = await db.Briefings.SingleAsync(b => b.Date == new DateOnly(2023, 2, 14));

        var all = (await app.Get<QuestionQueries>().ListAsync(Actors.Admin, briefing.PlanId)).Where(q => q.BriefingId == briefing.Id).ToList();
        var council = await app.Get<QuestionQueries>().ListAsync(Actors.CouncilMember, briefing.PlanId);

        Assert.Equal(4, all.Count);
        Assert.Equal(3, all.Count(q => q.State == QuestionState.Answered));
        Assert.Equal("IS1", Assert.Single(all, q => q.State == QuestionState.AnsweredLate).SpearpointCode);
        Assert.Equal("SP3", Assert.Single(all, q => q.AskedLate).SpearpointCode);
        var hidden = Assert.Single(all, q => q.NotPublic);
        Assert.DoesNotContain(council, q => q.Id == hidden.Id);
        Assert.Equal(3, council.Count);
        Assert.All(all, q => Assert.NotNull(q.Answer));
    }
}
