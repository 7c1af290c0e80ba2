using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Mail;

/// <summary>A spearpoint item of a reminder, as the scheduler found it.</summary>
public sealed record ReminderSpearpoint(SpearpointDetail Detail, bool IsStale, DateOnly? StaleOn);

/// <summary>What a message about a rapportage's step says: which one, of which plan, and who took the step.</summary>
public sealed record ReportMailFacts(int ReportId, string PlanName, DateOnly ReferenceDate, string Actor, bool IsDemo);

/// <summary>
/// Writes the content of each kind of message in the recipient's language (texts from the resx files) and
/// renders it. Call it inside <see cref="MailCulture.Use"/>.
/// </summary>
public sealed class MailComposer(IStringLocalizer<SharedResource> L, IOptions<MailOptions> options, UnsubscribeTokens tokens, MailRenderer renderer)
{
    private const int MilestoneDaysAhead = 7;

    private MailOptions O => options.Value;

    private string Url(string relative) => MailLinks.To(O, relative);

    private MailContent Frame(string language, MessageKind kind, string messageId, string subject, string heading, IReadOnlyList<string> intro,
        IReadOnlyList<MailSection> sections, IReadOnlyList<MailLink> links, bool isDemo, string reason) =>
        new(MailCulture.Normalise(language), subject, heading, intro, sections, links, isDemo, L["Demo.Notice"], reason,
            new MailLink(L["Mail.Preferences"], Url(MailLinks.Preferences)),
            // A message about one's own work on a rapportage cannot be turned off, as a sign-in message cannot.
            kind == MessageKind.Workflow ? null : new MailLink(L[$"Mail.Unsubscribe.{kind}"], tokens.PageUrl(tokens.Create(messageId))));

    public Task<MailRenderer.Rendered> TestAsync(string language, string messageId, string transport) =>
        renderer.RenderAsync(Frame(language, MessageKind.Test, messageId, L["Mail.Test.Subject"], L["Mail.Test.Subject"],
            [L["Mail.Test.Intro"], L["Mail.Test.Transport", transport]], [], [new MailLink(L["Mail.OpenDashboard"], Url(""))],
            isDemo: false, L["Mail.Test.Reason"]));

    public string TestSubject => L["Mail.Test.Subject"];

    /// <summary>One owner's reminder; null when nothing of theirs needs attention.</summary>
    public async Task<(string Subject, MailRenderer.Rendered Body)?> ReminderAsync(string language, string messageId, DateOnly today,
        IReadOnlyList<ReminderSpearpoint> spearpoints, IReadOnlyList<DueQuestion> questions)
    {
        var stale = spearpoints.Where(s => s.IsStale || s.StaleOn is not null)
            .Select(s => new MailItem(Name(s.Detail.Summary), Url(Links.Spearpoint(s.Detail.Summary.Id)),
            [
                new(s.IsStale ? L["Mail.Reminder.IsStale"] : L["Mail.Reminder.StaleOn", Fmt.LongDate(s.StaleOn!.Value)]),
                new(s.Detail.Summary.Latest is { } latest ? L["Mail.Reminder.LastUpdate", Fmt.LocalDate(latest.RecordedAt)] : L["Mail.Reminder.NoUpdate"]),
                new(s.Detail.Plan.Name, L["Mail.Plan"]),
            ])).ToList();

        var milestones = spearpoints
            .SelectMany(s => s.Detail.Milestones
                .Where(m => m.State is not (Status.Done or Status.Cancelled) && m.DueDate <= today.AddDays(MilestoneDaysAhead))
                .Select(m => (s, m)))
            .OrderBy(x => x.m.DueDate)
            .Select(x => new MailItem(L["Mail.Reminder.MilestoneOf", x.m.Title, x.s.Detail.Summary.Code], Url(Links.Spearpoint(x.s.Detail.Summary.Id)),
            [
                new(x.m.IsOverdue ? L["Mail.Reminder.Overdue", Fmt.LongDate(x.m.DueDate)] : L["Mail.Reminder.DueOn", Fmt.LongDate(x.m.DueDate)]),
                new(Name(x.s.Detail.Summary), L["Mail.Spearpoint"]),
            ])).ToList();

        var measurements = spearpoints
            .SelectMany(s => s.Detail.Indicators.Where(i => i.MeasurementDue && !i.IsEnded).Select(i => (s, i)))
            .Select(x => new MailItem(L["Mail.Reminder.MeasurementOf", x.i.Name, x.s.Detail.Summary.Code], Url(Links.Spearpoint(x.s.Detail.Summary.Id)),
            [
                new(L["Mail.Reminder.MeasurementDue", L[$"Frequency.{x.i.Frequency}"]]),
                new(x.i.Latest is { } latest ? L["Mail.Reminder.LastMeasured", Fmt.LongDate(latest.Date)] : L["Mail.Reminder.NeverMeasured"]),
                new(Name(x.s.Detail.Summary), L["Mail.Spearpoint"]),
            ])).ToList();

        var answers = questions.Select(q => new MailItem(L["Mail.Reminder.QuestionOf", q.AskedBy, q.SpearpointCode], Url(QuestionLinks.Page(q.PlanId)),
            [
                new(q.Text, L["Mail.RoundUp.QuestionLabel"]),
                new(DashboardClock.LocalDate(q.AnswerBy) < today ? L["Mail.Reminder.AnswerOverdue", Fmt.DateTime(q.AnswerBy)] : L["Mail.Reminder.AnswerDue", Fmt.DateTime(q.AnswerBy)]),
                new($"{q.SpearpointCode} {q.SpearpointTitle}", L["Mail.Spearpoint"]),
            ])).ToList();

        var count = stale.Count + milestones.Count + measurements.Count + answers.Count;
        if (count == 0)
        {
            return null;
        }
        var sections = new List<MailSection>();
        if (stale.Count > 0)
        {
            sections.Add(new(L["Mail.Reminder.StaleHeading"], stale));
        }
        if (milestones.Count > 0)
        {
            sections.Add(new(L["Mail.Reminder.MilestonesHeading"], milestones));
        }
        if (measurements.Count > 0)
        {
            sections.Add(new(L["Mail.Reminder.MeasurementsHeading"], measurements));
        }
        if (answers.Count > 0)
        {
            sections.Add(new(L["Mail.Reminder.QuestionsHeading"], answers));
        }
        var subject = L.Count("Mail.Reminder.Subject", count);
        var content = Frame(language, MessageKind.Reminder, messageId, subject, L["Mail.Reminder.Heading", Fmt.LongDate(today)],
            [L["Mail.Reminder.Intro"]], sections, [new MailLink(L["Mail.OpenDashboard"], Url(""))],
            spearpoints.Any(s => s.Detail.Plan.IsDemo) || questions.Any(q => q.IsDemo), L["Mail.Reminder.Reason"]);
        return (subject, await renderer.RenderAsync(content));
    }

    /// <summary>
    /// A raadslid's daily round-up: per plan the questions answered or corrected since the previous one, each with its latest
    /// answer, who gave it and when; the questions are as <see cref="QuestionReader.See"/> showed them to this reader.
    /// </summary>
    public async Task<(string Subject, MailRenderer.Rendered Body)> AnswerRoundUpAsync(string language, string messageId, DateOnly today,
        IReadOnlyList<RoundUpPlan> plans)
    {
        var sections = plans.Select(p => new MailSection(p.PlanName, p.Questions.Select(q =>
        {
            var answer = q.Answer!;
            var lines = new List<MailLine>
            {
                new(q.Text, q.AskedBy is { } asker ? L["Mail.RoundUp.QuestionFrom", asker] : L["Mail.RoundUp.QuestionLabel"]),
                new(answer.Text, L[q.Answers.Count > 1 ? "Mail.RoundUp.CorrectedLabel" : "Mail.RoundUp.AnswerLabel"]),
                new(L["Mail.RoundUp.AnsweredBy", answer.By, Fmt.DateTime(answer.At)]),
            };
            if (q.NotPublic)
            {
                lines.Add(new(L["Mail.RoundUp.NotPublic"]));
            }
            return new MailItem($"{q.SpearpointCode} {q.SpearpointTitle}", Url(QuestionLinks.Page(p.PlanId)), lines);
        }).ToList())).ToList();
        var subject = L.Count("Mail.RoundUp.Subject", plans.Sum(p => p.Questions.Count));
        var content = Frame(language, MessageKind.AnswerRoundUp, messageId, subject, L["Mail.RoundUp.Heading", Fmt.LongDate(today)],
            [L["Mail.RoundUp.Intro"]], sections, [new MailLink(L["Mail.OpenDashboard"], Url(""))], plans.Any(p => p.IsDemo), L["Mail.RoundUp.Reason"]);
        return (subject, await renderer.RenderAsync(content));
    }

    /// <summary>A reader's digest before a briefing: reds and oranges first, with cause, consequence and corrective action.</summary>
    public async Task<(string Subject, MailRenderer.Rendered Body)> DigestAsync(string language, string messageId, BriefingDetail model, bool withPdf)
    {
        var b = model.Briefing;
        var intro = new List<string>
        {
            b.Audience is { Length: > 0 } audience
                ? L["Mail.Digest.WhenFor", Fmt.LongDate(b.Date), audience]
                : L["Mail.Digest.When", Fmt.LongDate(b.Date)],
            model.Previous is { } previous ? L["Mail.Digest.Since", Fmt.LongDate(previous.Date)] : L["Mail.Digest.NoPrevious"],
        };
        if (model.Spearpoints.Count == 0)
        {
            intro.Add(L["Mail.Digest.NoAgenda"]);
        }
        if (withPdf)
        {
            intro.Add(L["Mail.Digest.Attached"]);
        }
        var attention = model.Spearpoints.Where(s => s.NeedsAttention).Select(s => Item(s, model.Previous?.Date)).ToList();
        var others = model.Spearpoints.Where(s => !s.NeedsAttention).Select(s => Item(s, model.Previous?.Date)).ToList();
        var sections = new List<MailSection>();
        if (attention.Count > 0)
        {
            sections.Add(new(L["Mail.Digest.AttentionHeading"], attention));
        }
        if (others.Count > 0)
        {
            sections.Add(new(L["Mail.Digest.OthersHeading"], others));
        }
        var subject = L["Mail.Digest.Subject", b.Title, Fmt.LongDate(b.Date)];
        var content = Frame(language, MessageKind.Digest, messageId, subject, L["Mail.Digest.Heading", b.Title], intro, sections,
            [
                new MailLink(L["Mail.Digest.OpenBriefing", b.Title], Url(Links.Briefing(b.Id))),
                new MailLink(L["Mail.Digest.DownloadPdf"], Url(Links.BriefPdf(b.Id))),
            ],
            model.Plan.IsDemo, L["Mail.Digest.Reason"]);
        return (subject, await renderer.RenderAsync(content));
    }

    /// <summary>
    /// A rapportage handed in, to a vaststeller: who handed it in, and the link to its page, where it is released or sent back.
    /// </summary>
    public Task<MailRenderer.Rendered> ReportSubmittedAsync(string language, string messageId, ReportMailFacts r) =>
        WorkflowAsync(language, messageId, r, L["Mail.Report.Submitted.Subject", r.PlanName, Fmt.LongDate(r.ReferenceDate)],
            [L["Mail.Report.Submitted.Intro", r.Actor, r.PlanName, Fmt.LongDate(r.ReferenceDate)], L["Mail.Report.Submitted.FourEyes"]],
            L["Mail.Report.Submitted.Reason"]);

    public string ReportSubmittedSubject(ReportMailFacts r) => L["Mail.Report.Submitted.Subject", r.PlanName, Fmt.LongDate(r.ReferenceDate)];

    /// <summary>A rapportage sent back, to its preparer, with the reason.</summary>
    public Task<MailRenderer.Rendered> ReportSentBackAsync(string language, string messageId, ReportMailFacts r, string reason) =>
        WorkflowAsync(language, messageId, r, ReportSentBackSubject(r),
            [L["Mail.Report.SentBack.Intro", r.Actor, r.PlanName, Fmt.LongDate(r.ReferenceDate)], L["Mail.Report.SentBack.Why", reason]],
            L["Mail.Report.Preparer.Reason"]);

    public string ReportSentBackSubject(ReportMailFacts r) => L["Mail.Report.SentBack.Subject", r.PlanName, Fmt.LongDate(r.ReferenceDate)];

    /// <summary>A rapportage released, to its preparer.</summary>
    public Task<MailRenderer.Rendered> ReportReleasedAsync(string language, string messageId, ReportMailFacts r) =>
        WorkflowAsync(language, messageId, r, ReportReleasedSubject(r),
            [L["Mail.Report.Released.Intro", r.Actor, r.PlanName, Fmt.LongDate(r.ReferenceDate)]],
            L["Mail.Report.Preparer.Reason"]);

    public string ReportReleasedSubject(ReportMailFacts r) => L["Mail.Report.Released.Subject", r.PlanName, Fmt.LongDate(r.ReferenceDate)];

    /// <summary>A technische vraag to whoever answers it, or its answer to the asker: part of the work, with the link to the plan's questions.</summary>
    public Task<MailRenderer.Rendered> QuestionAsync(string language, string messageId, string subject, IReadOnlyList<string> intro, string path,
        bool isDemo) =>
        renderer.RenderAsync(Frame(language, MessageKind.Workflow, messageId, subject, subject, intro, [],
            [new MailLink(L["Mail.Question.Open"], Url(path))], isDemo, L["Mail.Question.Reason"]));

    private Task<MailRenderer.Rendered> WorkflowAsync(string language, string messageId, ReportMailFacts r, string subject,
        IReadOnlyList<string> intro, string reason) =>
        renderer.RenderAsync(Frame(language, MessageKind.Workflow, messageId, subject, subject, intro, [],
            [new MailLink(L["Mail.Report.Open", Fmt.LongDate(r.ReferenceDate)], Url(Reports.ReportPdfs.PagePath(r.ReportId)))],
            r.IsDemo, reason));

    /// <summary>
    /// The released rapportage to a council member: the samenvatting, reds and oranges first with cause, consequence and
    /// corrective action, what changed since the previous released one, all from the stored snapshot; the PDF goes along.
    /// Where the rapportage is a briefing's brief, this is that briefing's digest.
    /// </summary>
    public async Task<(string Subject, MailRenderer.Rendered Body)> ReportToCouncilAsync(string language, string messageId,
        Reports.ReleasedReport report, string? briefingTitle, bool withPdf)
    {
        var c = report.Content;
        var intro = new List<string>
        {
            L["Mail.Report.Council.Intro", c.Plan.Name, Fmt.LongDate(c.ReferenceDate), report.ReleasedBy, Fmt.LongDate(DashboardClock.LocalDate(report.ReleasedAt))],
        };
        if (briefingTitle is not null)
        {
            intro.Add(L["Mail.Report.Council.ForBriefing", briefingTitle]);
        }
        intro.Add(c.Previous is { } previous ? L["Mail.Report.Council.Since", Fmt.LongDate(previous.ReferenceDate)] : L["Mail.Report.Council.First"]);
        intro.Add(L["Mail.Report.Council.Summary", c.Summary]);
        if (withPdf)
        {
            intro.Add(L["Mail.Report.Council.Attached"]);
        }
        var since = c.Previous?.ReferenceDate;
        var attention = c.Spearpoints.Where(s => s.NeedsAttention).Select(s => Item(s, since)).ToList();
        var others = c.Spearpoints.Where(s => !s.NeedsAttention).Select(s => Item(s, since)).ToList();
        var sections = new List<MailSection>();
        if (attention.Count > 0)
        {
            sections.Add(new(L["Mail.Digest.AttentionHeading"], attention));
        }
        if (others.Count > 0)
        {
            sections.Add(new(L["Mail.Digest.OthersHeading"], others));
        }
        var subject = L["Mail.Report.Council.Subject", c.Plan.Name, Fmt.LongDate(c.ReferenceDate)];
        var content = Frame(language, MessageKind.Digest, messageId, subject, subject, intro, sections,
            [
                new MailLink(L["Mail.Report.Open", Fmt.LongDate(c.ReferenceDate)], Url(Reports.ReportPdfs.PagePath(c.ReportId))),
                new MailLink(L["Mail.Report.DownloadPdf"], Url(Reports.ReportPdfs.PdfPath(c.ReportId))),
            ],
            c.Plan.IsDemo, L["Mail.Report.Council.Reason"]);
        return (subject, await renderer.RenderAsync(content));
    }

    private MailItem Item(SpearpointBrief s, DateOnly? previousDate)
    {
        var lines = new List<MailLine>();
        if (s.NeedsAttention && s.Summary.Latest is { } latest)
        {
            Add(lines, latest.Cause, L["Field.Cause"]);
            Add(lines, latest.Consequence, L["Field.Consequence"]);
            Add(lines, latest.CorrectiveAction, L["Field.CorrectiveAction"]);
        }
        if (s.Changes is { } changes && previousDate is { } previous)
        {
            var since = Fmt.Date(previous);
            if (changes.IsEmpty)
            {
                lines.Add(new(L["BriefingChanges.Nothing", since]));
            }
            if (changes.Status is { } status)
            {
                lines.Add(new(L["BriefingChanges.FromTo", L[$"Status.{status.From}"], L[$"Status.{status.To}"]], L["Field.Status"]));
            }
            foreach (var m in changes.Milestones)
            {
                lines.Add(new(MilestoneDetail(m) is { Length: > 0 } detail ? $"{m.Title} ({detail})" : m.Title, L[$"BriefingChanges.Milestone.{m.Kind}"]));
            }
            foreach (var i in changes.Indicators)
            {
                var after = Fmt.Value(i.After.Value, i.Unit);
                var target = Fmt.Value(i.Target, i.Unit);
                var detail = i.Before is { } before
                    ? L["BriefingChanges.IndicatorMoved", Fmt.Value(before.Value, i.Unit), after, target]
                    : L["BriefingChanges.IndicatorFirst", after, target];
                lines.Add(new($"{detail}, {L[$"BriefingChanges.Trend.{i.Trend}"]}", i.Name));
            }
            lines.Add(changes.NoUpdateSince
                ? new(L["BriefingChanges.NoUpdate", since])
                : new(L.Count("Mail.Digest.NewUpdates", changes.NewUpdates.Count)));
        }
        return new MailItem(Name(s.Summary), Url(Links.Spearpoint(s.Summary.Id)), lines, s.Summary.Status, L[$"Status.{s.Summary.Status}"]);
    }

    private string MilestoneDetail(MilestoneChange m) => m.Kind switch
    {
        MilestoneChangeKind.Added or MilestoneChangeKind.BecameOverdue when m.NewDate is { } due => L["BriefingChanges.Due", Fmt.Date(due)],
        MilestoneChangeKind.Completed when m.NewDate is { } done => L["BriefingChanges.DoneOn", Fmt.Date(done)],
        MilestoneChangeKind.Slipped or MilestoneChangeKind.BroughtForward when m.OldDate is { } from && m.NewDate is { } to =>
            L["BriefingChanges.Moved", Fmt.Date(from), Fmt.Date(to)],
        MilestoneChangeKind.StateChanged => L["BriefingChanges.FromTo", L[$"Status.{m.OldState}"], L[$"Status.{m.NewState}"]],
        _ => "",
    };

    private static void Add(List<MailLine> lines, string? text, string label)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            lines.Add(new(text, label));
        }
    }

    private static string Name(SpearpointSummary s) => $"{s.Code} {s.Title}";
}
