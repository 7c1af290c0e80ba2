using Bunit;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Presentation;
using Dashboard.Domain;
using Dashboard.Presentation;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Presentation;

/// <summary>A Vragen slide follows each spearpoint that has public questions; the keys walk through it like any other slide.</summary>
[Trait("Category", "Fast")]
public class QuestionsSlideTests : ComponentTestBase
{
    private static readonly DateOnly February = new(2023, 2, 14);

    private static SpearpointSummary Summary(int id, string code) =>
        new(id, 1, SpearpointKind.Development, code, $"Speerpunt {code}", 1, null, new MilestoneProgress(0, 0), null, 0, false, 1);

    private static QuestionView Question(int id, int spearpointId, string text, string? answer) => new(id, spearpointId, "SP", "Speerpunt", 2, null, text,
        false, new DateTime(2023, 2, 6, 8, 30, 0, DateTimeKind.Utc), false, null, null, answer is null ? QuestionState.Open : QuestionState.Answered,
        answer is null ? [] : [new AnswerView(answer, "Team", new DateTime(2023, 2, 10, 10, 0, 0, DateTimeKind.Utc))], 1, false, false, false, false);

    private static Deck Deck(params QuestionView[] questions)
    {
        var agenda = new[] { Summary(10, "SP1"), Summary(11, "SP2") };
        var detail = new BriefingDetail(
            new PlanHeader(1, "Jaarplan", "Gemeente", new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31), false),
            new BriefingHeader(2, 1, February, "Tweede", "Raad", "", "", 1, []),
            new ReferencePoint(February, true, DashboardClock.StartOfDayUtc(February.AddDays(1))), false, null, null, [], [])
        { Questions = questions };
        return new Deck("briefing-2", detail.Plan, detail.Briefing, detail.Reference, agenda, detail);
    }

    [Fact]
    public void TheDeck_HasAVragenSlideAfterEachSpearpointWithQuestions_AndNoneForOneWithout()
    {
        var deck = Deck(Question(1, 11, "Hoeveel?", "Twaalf."), Question(2, 11, "Wanneer?", null));

        Assert.Equal([SlideKind.Title, SlideKind.Spearpoint, SlideKind.Spearpoint, SlideKind.Questions, SlideKind.Summary],
            deck.Slides.Select(s => s.Kind));
        Assert.Equal(11, deck.SlideOn(3).Spearpoint!.Id);
        Assert.Null(deck.SpearpointOn(3));
        Assert.Equal(5, deck.SlideCount);
        Assert.Equal(4, Deck().SlideCount);
        // The keys reach it as any slide: from SP2, next is its Vragen slide; "4" jumps to it.
        Assert.Equal((SlideCommand.Go, 3), SlideNavigator.Interpret("ArrowRight", 2, deck.SlideCount));
        Assert.Equal((SlideCommand.Go, 3), SlideNavigator.Interpret("4", 0, deck.SlideCount));
    }

    [Fact]
    public void TheVragenSlide_ShowsEachQuestionWithItsStateAndAnswer_AsText()
    {
        var deck = Deck(Question(1, 11, "<b>Hoeveel?</b>", "Twaalf."), Question(2, 11, "Wanneer?", null));

        var cut = Render<SlideView>(p => p.Add(c => c.Deck, deck).Add(c => c.Slide, 3).Add(c => c.FollowUrl, "https://dashboard.test/presentatie/volgen"));

        Assert.Equal("Vragen: SP2 Speerpunt SP2", cut.Find("h1").TextContent);
        var items = cut.FindAll("li.slide-question");
        Assert.Equal(2, items.Count);
        Assert.Contains("<b>Hoeveel?</b>", items[0].TextContent);
        Assert.Empty(cut.FindAll("li.slide-question b"));
        Assert.Contains("Twaalf.", items[0].TextContent);
        Assert.Equal(["Beantwoord", "Open"], cut.FindAll(".question-state").Select(c => c.TextContent.Trim()));
    }
}
