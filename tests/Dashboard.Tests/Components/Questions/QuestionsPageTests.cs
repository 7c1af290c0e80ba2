using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Components.Questions;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Questions;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Questions;

/// <summary>
/// /vragen and the questions on a spearpoint's page, on the real services and the demo plan: Vraag stellen for a raadslid,
/// Beantwoorden for the owner with Mijn vragen first, text shown as text, and what others ask arriving live for those allowed.
/// </summary>
[Trait("Category", "Fast")]
public class QuestionsPageTests : AppComponentTestBase
{
    private static readonly Actor OtherCouncil = new("Bas Raadslid", new HashSet<string> { DashboardRoles.CouncilMember }, UserId: "user-bas");

    private int _planId;
    private int _spearpointId;

    public QuestionsPageTests() => Services.AddScoped<PlanInView>();

    private async Task StartQuestionsAsync(string role, string name)
    {
        await StartAsync(role, name, [typeof(QuestionQueries), typeof(QuestionEditor)]);
        await App.AccountsForAsync(OtherCouncil);
        _spearpointId = await App.SpearpointIdAsync("SP1");
        await using var db = App.CreateDb();
        _planId = await db.Spearpoints.Where(s => s.Id == _spearpointId).Select(s => s.PlanId).SingleAsync();
    }

    private async Task<int> AskAsync(Actor by, string text, bool notPublic = false)
    {
        var asked = await App.Get<QuestionEditor>().AskAsync(by, new AskQuestionCommand(_planId, _spearpointId, text, notPublic));
        Assert.True(asked.Succeeded, asked.Message);
        return (int)asked.CreatedId!;
    }

    [Fact]
    public async Task ARaadslid_AsksOnTheSpearpoint_TheQuestionAppearsOpen_AsTextNotMarkup()
    {
        await StartQuestionsAsync(DashboardRoles.CouncilMember, "Ria Raadslid");
        var section = Render<QuestionsSection>(p => p.Add(s => s.PlanId, _planId).Add(s => s.SpearpointId, _spearpointId));
        section.WaitForElement(".ask-question");

        section.Find(".ask-question textarea").Input("Hoeveel <b>meldingen</b> kwamen er binnen?");
        section.Find("form.ask-question").Submit();

        section.WaitForAssertion(() => Assert.Contains("Uw vraag is gesteld.", section.Markup));
        section.WaitForAssertion(() => Assert.Single(section.FindAll(".question")));
        var question = section.Find(".question");
        Assert.Equal("Open", question.GetAttribute("data-state"));
        Assert.Equal("Hoeveel <b>meldingen</b> kwamen er binnen?", question.QuerySelector(".question-text")!.TextContent);
        Assert.Empty(question.QuerySelectorAll(".question-text b"));
        Assert.Contains("Gesteld door Ria Raadslid", question.TextContent);
        Assert.NotNull(question.QuerySelector(".question-state svg"));
        Assert.Contains("Intrekken", question.TextContent);
        Assert.DoesNotContain("Beantwoorden", question.TextContent);
    }

    [Fact]
    public async Task AnotherRaadslidsQuestion_ArrivesLive_ButANonPublicOneNever()
    {
        await StartQuestionsAsync(DashboardRoles.CouncilMember, "Ria Raadslid");
        var page = Render<QuestionsPage>(p => p.Add(s => s.PlanId, _planId));
        page.WaitForElement(".question-group");
        var before = page.FindAll(".question").Count;

        var hidden = await AskAsync(OtherCouncil, "Vertrouwelijk: hoe staat het met de vacatures?", notPublic: true);
        var shown = await AskAsync(OtherCouncil, "Openbaar: hoeveel handhavers zijn er?");

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-question='{shown}']")));
        Assert.Empty(page.FindAll($"[data-question='{hidden}']"));
        Assert.DoesNotContain("Vertrouwelijk", page.Markup);
        Assert.Equal(before + 1, page.FindAll(".question").Count);
        Assert.Contains("Openbaar: hoeveel handhavers zijn er?", page.Find("[data-group='Open']").TextContent);
    }

    [Fact]
    public async Task TheOwner_SeesMijnVragenFirst_AndAnswers_TheQuestionMovesToBeantwoord()
    {
        await StartQuestionsAsync(DashboardRoles.Manager, "Olga Eigenaar");
        await using (var db = App.CreateDb())
        {
            await db.Spearpoints.Where(s => s.Id == _spearpointId).ExecuteUpdateAsync(s => s.SetProperty(x => x.OwnerId, UserId));
        }
        var id = await AskAsync(OtherCouncil, "Wanneer start de pilot?");
        var page = Render<QuestionsPage>(p => p.Add(s => s.PlanId, _planId));
        page.WaitForElement(".question-group");

        var groups = page.FindAll(".question-group").Select(g => g.GetAttribute("data-group")).ToList();
        Assert.Equal(["Mine", "Open", "Answered", "AnsweredLate", "Withdrawn"], groups);
        Assert.Equal("Mijn vragen", page.Find("[data-group='Mine'] h2").TextContent.Trim());
        Assert.NotNull(page.Find($"[data-group='Mine'] [data-question='{id}']"));
        Assert.Empty(page.FindAll(".ask-question"));

        page.Find($"[data-question='{id}'] .question-answer-button").Click();
        page.Find($"[data-question='{id}'] textarea").Input("In februari.");
        page.Find($"[data-question='{id}'] form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-group='Answered'] [data-question='{id}']")));
        Assert.Equal("In februari.", page.Find($"[data-question='{id}'] .question-answer-text").TextContent);
        Assert.Contains("Beantwoord door Olga Eigenaar", page.Find($"[data-question='{id}']").TextContent);
    }

    [Fact]
    public async Task AnEmptyQuestion_IsRefusedUnderTheField_NamingIt()
    {
        await StartQuestionsAsync(DashboardRoles.CouncilMember, "Ria Raadslid");
        var section = Render<QuestionsSection>(p => p.Add(s => s.PlanId, _planId).Add(s => s.SpearpointId, _spearpointId));
        section.WaitForElement(".ask-question");

        section.Find("form.ask-question").Submit();

        section.WaitForAssertion(() => Assert.Contains("Vraag is verplicht.", section.Markup));
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.Questions.CountAsync(q => q.AskedById == UserId));
    }

    [Fact]
    public async Task ABeheerder_AddsACouncilDocument_TheServicesDutchErrorNamesTheField_ThenTheLinkShows()
    {
        await StartQuestionsAsync(DashboardRoles.Admin, "Bea Beheerder");
        var section = Render<QuestionsSection>(p => p.Add(s => s.PlanId, _planId).Add(s => s.SpearpointId, _spearpointId));
        section.WaitForElement("form.council-document-form");

        section.Find(".council-document-url input").Input("http://gemeente.notubiz.nl/document/1");
        section.Find(".council-document-title input").Input("Raadsinformatiebrief handhaving");
        section.Find("form.council-document-form").Submit();

        section.WaitForAssertion(() => Assert.Contains("Adres moet een volledig https-adres zijn", section.Markup));
        await using (var db = App.CreateDb())
        {
            Assert.Equal(0, await db.SpearpointLinks.CountAsync());
        }

        section.Find(".council-document-url input").Input("https://gemeente.notubiz.nl/document/1");
        section.Find("form.council-document-form").Submit();

        section.WaitForAssertion(() => Assert.Equal("Raadsinformatiebrief handhaving", section.Find("ul.council-documents a").TextContent));
        Assert.Equal("https://gemeente.notubiz.nl/document/1", section.Find("ul.council-documents a").GetAttribute("href"));
    }

    [Fact]
    public async Task ARaadslid_IsNotOfferedTheCouncilDocumentForm()
    {
        await StartQuestionsAsync(DashboardRoles.CouncilMember, "Ria Raadslid");
        var section = Render<QuestionsSection>(p => p.Add(s => s.PlanId, _planId).Add(s => s.SpearpointId, _spearpointId));
        section.WaitForElement(".ask-question");

        Assert.Empty(section.FindAll("form.council-document-form"));
    }
}
