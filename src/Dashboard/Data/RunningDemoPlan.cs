using System.Globalization;
using Dashboard.Common;
using Dashboard.Domain;
using static Dashboard.Data.DemoPlan;
using static Dashboard.Domain.Status;

namespace Dashboard.Data;

/// <summary>
/// The second demo plan: made up, and running on the day the demo is seeded, so that a newcomer sees every signal the product
/// has (orange and red with their explanation, a slipped and an overdue milestone, a measurement due, a spearpoint not
/// recently updated, a briefing next week with its questions). The same team as the letter's plan, continuing its four
/// development spearpoints; not linked to it as a follow-up plan, as years lie between them. Every date is counted from the
/// day of seeding, so a database seeded long ago keeps the dates it got.
/// </summary>
public static class RunningDemoPlan
{
    private const string Manager = "Interim-manager HOR";
    private const string ManagerVl = "Manager Veiligheid & Leefbaarheid";

    /// <summary>The plan began on the first of the month six months before <paramref name="today"/> and ends at the end of next year.</summary>
    public static DateOnly StartOn(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-6);

    /// <summary>The briefing of about six weeks ago and the one of next week, both on a Tuesday as in the letter.</summary>
    public static DateOnly LastBriefingOn(DateOnly today) => Tuesday(today.AddDays(-42), -1);
    public static DateOnly NextBriefingOn(DateOnly today) => Tuesday(today.AddDays(7), 1);

    public static Plan Build(DateOnly today)
    {
        // A day counted back from today (negative: ahead), as the ISO date the demo's script takes.
        string Ago(int days) => today.AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = StartOn(today);
        var end = new DateOnly(today.Year + 1, 12, 31);
        var plan = new Plan
        {
            Name = $"Jaarplan handhaven openbare ruimte {start.Year}-{end.Year}",
            Organisation = "Gemeente Maastricht, team Handhaven openbare ruimte",
            Description = "Een verzonnen plan dat vandaag loopt, zodat de demo alle signalen laat zien. Geen echte cijfers.",
            StartDate = start,
            EndDate = end,
            IsDemo = true,
            CouncilSees = CouncilView.Released,
            CreatedAt = DashboardClock.StartOfDayUtc(start).AddHours(10),
        };
        var created = Ago(170);

        var sp1 = Spearpoint(plan, 1, SpearpointKind.Development, "SP1", "Informatiegestuurd werken, ook in de nacht", Manager,
            "Informatiegestuurd werken is het gewone werk in de dag- en avonddiensten. Nu volgen de nachtdiensten: " +
            "ook zij beginnen met een informatiebeeld en sluiten af met een debriefing.");
        Update(sp1, Ago(120), OnTrack, "De nachtdiensten in het uitgaansgebied beginnen sinds deze maand met een informatiebeeld.");
        Update(sp1, Ago(50), OnTrack, "Ook de nachtdiensten in de wijken gebruiken nu het informatiebeeld. Politie levert haar meldingen van de nacht aan.");
        Update(sp1, Ago(9), OnTrack, "De debriefing na de nachtdienst is ingevoerd. Waarnemingen van de nacht staan de volgende ochtend in het beeld.");
        Milestone(sp1, "Informatiebeeld in de nachtdiensten in het uitgaansgebied", Ago(110), created).Set(Ago(130), OnTrack).Done(Ago(118));
        Milestone(sp1, "Afspraken met politie over meldingen van de nacht", Ago(60), created).Set(Ago(90), OnTrack).Done(Ago(52));
        Milestone(sp1, "Debriefing na elke nachtdienst", Ago(-5), created).Set(Ago(9), OnTrack);
        Milestone(sp1, "Evaluatie informatiegestuurd werken in de nacht", Ago(-200), created);
        Indicator(sp1, "Nachtdiensten die beginnen met een informatiebeeld", "%", 0, 90, IndicatorDirection.HigherIsBetter,
            [Ago(160), Ago(70), Ago(12)], [10, 55, 78]);

        var sp2 = Spearpoint(plan, 2, SpearpointKind.Development, "SP2", "Vergroten van de flexibiliteit", Manager,
            "Het rooster van 2023 werkt. Nu zorgen we dat we ook bij grote evenementen en op onverwacht drukke dagen genoeg mensen hebben, " +
            "met een vaste flexpool en afspraken met politie.");
        Update(sp2, Ago(140), OnTrack, "De flexpool heeft nu acht boa's die extra diensten willen draaien.");
        // Deliberately nothing since: SP2 shows as not recently updated, and its owner gets a reminder.
        Update(sp2, Ago(58), OnTrack, "De afspraken met politie over de inzet bij evenementen worden besproken. Het eerste overleg was goed.");
        Milestone(sp2, "Vaste flexpool voor evenementen", Ago(120), created).Set(Ago(140), OnTrack).Done(Ago(125));
        Milestone(sp2, "Afspraken met politie over inzet bij evenementen", Ago(10), created).Set(Ago(58), OnTrack);
        Milestone(sp2, "Evaluatie van het evenementenseizoen", Ago(-90), created);
        Indicator(sp2, "Diensturen na 18:00 uur en in het weekend", "% van totaal", 31, 35, IndicatorDirection.HigherIsBetter,
            [Ago(160), Ago(70), Ago(12)], [31, 32, 33]);

        var sp3 = Spearpoint(plan, 3, SpearpointKind.Development, "SP3", "Verwachtingenmanagement en communicatie richting buurten", ManagerVl,
            "Melders horen binnen 5 werkdagen wat er met hun melding is gebeurd. Elk gebied krijgt twee keer per jaar een wijkbericht, " +
            "en we vragen bewoners hoe zij onze inzet ervaren.");
        Update(sp3, Ago(100), OnTrack, "Het eerste wijkbericht van dit jaar is in alle 7 gebieden verschenen.");
        Update(sp3, Ago(12), NeedsAttention, "De bewonersenquête komt later dan gepland.",
            cause: "Het onderzoeksbureau heeft het nieuwe contract nog niet getekend.",
            consequence: "De uitkomsten komen niet meer in het tweede wijkbericht van dit jaar.",
            action: "Het contract wordt deze maand getekend. We delen de uitkomsten in een extra wijkbericht.");
        Milestone(sp3, "Eerste wijkbericht in alle gebieden", Ago(100), created).Set(Ago(120), OnTrack).Done(Ago(101));
        Milestone(sp3, "Bewonersenquête over zichtbaarheid en tevredenheid", Ago(20), created).Set(Ago(100), OnTrack).Move(Ago(12), Ago(-60), NeedsAttention);
        Milestone(sp3, "Tweede wijkbericht in alle gebieden", Ago(-30), created).Set(Ago(12), OnTrack);
        Indicator(sp3, "Melders die binnen 5 werkdagen terugkoppeling krijgen", "%", 88, 95, IndicatorDirection.HigherIsBetter,
            [Ago(160), Ago(70), Ago(12)], [88, 90, 91]);

        var sp4 = Spearpoint(plan, 4, SpearpointKind.Development, "SP4", "Versterken van het team, kwantitatief en kwalitatief", Manager,
            "We houden de formatie op sterkte en leiden nieuwe boa's op. Ervaren boa's worden werkbegeleider.");
        Update(sp4, Ago(110), OnTrack, "Er is 57 fte bezet. Twee nieuwe collega's zijn met de boa-basisopleiding begonnen.");
        Update(sp4, Ago(6), Delayed, "Drie boa's zijn vertrokken naar een andere gemeente. De formatie is niet op sterkte.",
            cause: "Buurgemeenten bieden een hogere schaal en minder nachtdiensten.",
            consequence: "Er zijn minder diensten in het weekend mogelijk. De opleiding van werkbegeleiders schuift op.",
            action: "We starten een nieuwe wervingsronde en bespreken de beloning met HR. Tot die tijd vult de flexpool de weekenden aan.");
        Milestone(sp4, "Twee nieuwe boa's begonnen met de basisopleiding", Ago(110), created).Done(Ago(112));
        Milestone(sp4, "Wervingsronde afgerond", Ago(-45), created).Set(Ago(6), Delayed);
        Milestone(sp4, "Vier werkbegeleiders opgeleid", Ago(-150), created);
        // Measured once, more than a quarter ago: a measurement is due.
        Indicator(sp4, "Bezette formatie", "fte", 57, 60, IndicatorDirection.HigherIsBetter, [Ago(130)], [57]);

        var is1 = Spearpoint(plan, 5, SpearpointKind.Substantive, "IS1", "Afvalbijplaatsingen in de wijken", ManagerVl,
            "Minder zakken en grofvuil naast de containers, met controles in de wijken waar de meeste meldingen vandaan komen.");
        Update(is1, Ago(90), OnTrack, "In drie wijken controleren we nu elke week bij de containers.");
        Update(is1, Ago(20), OnTrack, "Er komen minder meldingen van afval naast containers. We breiden uit naar twee andere wijken.");
        Milestone(is1, "Controles in de drie wijken met de meeste meldingen", Ago(90), created).Done(Ago(92));
        Milestone(is1, "Uitbreiding naar twee andere wijken", Ago(-40), created).Set(Ago(20), OnTrack);
        Indicator(is1, "Meldingen afval naast containers per maand", "meldingen", 240, 150, IndicatorDirection.LowerIsBetter,
            [Ago(160), Ago(70), Ago(12)], [240, 205, 180]);

        var is2 = Spearpoint(plan, 6, SpearpointKind.Substantive, "IS2", "Veilig naar school", ManagerVl,
            "Rond basisscholen wordt niet meer gevaarlijk geparkeerd bij het brengen en halen van kinderen.");
        Update(is2, Ago(30), OnTrack, "Met tien scholen zijn afspraken gemaakt. Boa's zijn er in de eerste schoolweken elke ochtend.");
        Milestone(is2, "Afspraken met de scholen", Ago(35), created).Done(Ago(33));
        Milestone(is2, "Evaluatie met scholen en ouders", Ago(-120), created);
        Indicator(is2, "Scholen met afspraken over veilig brengen en halen", "scholen", 0, 15, IndicatorDirection.HigherIsBetter,
            [Ago(70), Ago(12)], [4, 10]);

        var all = new List<Spearpoint> { sp1, sp2, sp3, sp4, is1, is2 };
        plan.Briefings.Add(new Briefing
        {
            Date = LastBriefingOn(today),
            Title = "Bijpraatsessie handhaven: voortgang van het jaarplan",
            Audience = "Domein Algemene Zaken",
            Agenda = "De voortgang van alle speerpunten sinds het begin van het jaarplan.",
            Spearpoints = [.. all],
        });
        plan.Briefings.Add(new Briefing
        {
            Date = NextBriefingOn(today),
            Title = "Bijpraatsessie handhaven: formatie en communicatie met buurten",
            Audience = "Domein Algemene Zaken",
            Agenda = "De formatie van het team, de bewonersenquête en de stand van alle speerpunten.",
            // The digest goes out two weeks ahead, so the demo has one to show on its first day.
            DigestDaysBefore = 14,
            Spearpoints = [.. all],
        });
        return plan;
    }

    /// <summary>The first Tuesday from <paramref name="from"/> on in the direction of <paramref name="step"/> (1 or -1) days.</summary>
    private static DateOnly Tuesday(DateOnly from, int step)
    {
        var day = from;
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(step);
        }
        return day;
    }
}
