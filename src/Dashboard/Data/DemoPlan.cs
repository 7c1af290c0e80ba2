using System.Globalization;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using static Dashboard.Domain.Status;

namespace Dashboard.Data;

/// <summary>
/// The demo plan: illustrative, not real figures. The plan, spearpoints, briefings
/// and roles come from the mayor's letter of 28 September 2022; everything else is made up.
/// </summary>
public static class DemoPlan
{
    private const string Manager = "Interim-manager HOR";
    private const string ManagerVl = "Manager Veiligheid & Leefbaarheid";

    private static readonly string[] Quarters =
        ["2022-06-30", "2022-09-30", "2022-12-31", "2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"];

    public static Plan Build()
    {
        var plan = new Plan
        {
            Name = "Jaarplan handhaven openbare ruimte 2022-2023",
            Organisation = "Gemeente Maastricht, team Handhaven openbare ruimte",
            StartDate = Day("2022-01-01"),
            EndDate = Day("2023-12-31"),
            IsDemo = true,
            // The council reads what the college released (its rapportages, made after the plan is stored: DemoReports).
            CouncilSees = CouncilView.Released,
            CreatedAt = At("2022-01-03"),
        };

        var sp1 = Spearpoint(plan, 1, SpearpointKind.Development, "SP1", "Informatiegestuurd werken", Manager,
            "We plannen onze inzet op basis van analyses van meldingen, eigen waarnemingen en informatie van partners, " +
            "in plaats van vaste rondes. Elk van de 7 gebieden krijgt elke week een informatiebeeld.");
        Update(sp1, "2022-07-05", OnTrack, "De nulmeting van de meldingen is klaar. We weten nu hoeveel meldingen er per week binnenkomen via BuitenBeter, e-mail en 14 043, en over welke onderwerpen.");
        Update(sp1, "2022-09-22", OnTrack, "De informatieanalist is op 29 augustus begonnen. Zij maakt een eerste overzicht van meldingen per gebied. Het dashboard daarvoor wordt getest in twee gebieden.");
        Update(sp1, "2022-12-06", OnTrack, "Het dashboard met meldingen per gebied is sinds eind november in gebruik. Teamleiders gebruiken het bij het maken van de weekplanning.");
        Update(sp1, "2023-01-24", OnTrack, "In januari zijn we begonnen met een briefing met het informatiebeeld in de avonddiensten. De dagdiensten volgen in maart.");
        Update(sp1, "2023-04-04", OnTrack, "Alle diensten beginnen nu met een briefing met het informatiebeeld en sluiten af met een debriefing. Waarnemingen van boa's komen zo sneller in het beeld.");
        Update(sp1, "2023-06-27", OnTrack, "Ongeveer een derde van de inzet plannen we nu op basis van analyse. Meldingen zijn beter, omdat BuitenBeter nu om een precieze locatie vraagt.");
        Update(sp1, "2023-09-26", OnTrack, "De evaluatie is begonnen. We bespreken met teamleiders en partners wat werkt en wat beter kan.");
        Update(sp1, "2023-12-14", Done, "De evaluatie is klaar. Informatiegestuurd werken is een vast onderdeel van het jaarplan 2023-2024. Dit speerpunt is afgerond.");
        Milestone(sp1, "Nulmeting meldingsstromen (BuitenBeter, 14 043, politie)", "2022-06-30").Set("2022-03-01", OnTrack).Done("2022-06-24");
        Milestone(sp1, "Informatieanalist aangesteld", "2022-09-01").Set("2022-05-10", OnTrack).Done("2022-08-29");
        Milestone(sp1, "Dashboard meldingen per gebied in gebruik", "2022-12-01").Set("2022-09-01", OnTrack).Done("2022-11-28");
        Milestone(sp1, "Briefing en debriefing met informatiebeeld in alle diensten", "2023-04-01").Set("2023-01-10", OnTrack).Done("2023-03-30");
        Milestone(sp1, "Evaluatie en borging in jaarplan 2023-2024", "2023-12-31").Set("2023-09-20", OnTrack).Done("2023-12-12");
        Indicator(sp1, "Inzet gepland op basis van analyse", "%", 10, 50, IndicatorDirection.HigherIsBetter, 10, 15, 22, 30, 36, 43, 48);
        Indicator(sp1, "Meldingen met volledige categorie en locatie", "%", 70, 95, IndicatorDirection.HigherIsBetter, 72, 82, 85, 88, 91, 92, 94);

        var sp2 = Spearpoint(plan, 2, SpearpointKind.Development, "SP2", "Vergroten van de flexibiliteit", Manager,
            "We zetten mensen in wanneer de overlast er is: in de avond, in het weekend, bij evenementen en op drukke dagen. " +
            "Boa's worden breder inzetbaar en er komt een nieuw roostermodel.");
        Update(sp2, "2022-07-14", OnTrack, "De analyse van overlastpieken is klaar. De meeste meldingen komen op vrijdag- en zaterdagavond en op zonnige dagen in het centrum.");
        Update(sp2, "2022-09-27", NeedsAttention, "Het nieuwe roostermodel ligt bij de ondernemingsraad (OR). De OR heeft om meer tijd gevraagd.",
            cause: "De OR wil eerst met de medewerkers praten over de gevolgen van meer avond- en weekenddiensten.",
            consequence: "Het roostermodel wordt later besproken dan 1 november. De pilot met extra avond- en weekendinzet kan daardoor later beginnen.",
            action: "In oktober houden we twee bijeenkomsten met medewerkers en de OR. Tot de pilot zetten we bij evenementen vrijwillige extra diensten in.");
        Update(sp2, "2022-12-15", OnTrack, "De OR heeft op 13 december ingestemd met het roostermodel. De pilot met extra avond- en weekendinzet begint in februari.");
        Update(sp2, "2023-03-14", OnTrack, "De pilot loopt sinds eind februari. Er zijn nu meer diensten in de avond en in het weekend.");
        Update(sp2, "2023-04-20", OnTrack, "De afspraken met de buurgemeente over hulp bij evenementen gaan niet door. Zij hebben zelf te weinig mensen. Drukke dagen vangen we op met een eigen flexpool.");
        Update(sp2, "2023-06-20", NeedsAttention, "Het nieuwe rooster begint een maand later, op 1 oktober.",
            cause: "In de zomer zijn er veel evenementen en vakanties. Het rooster in die tijd omzetten geeft te veel onrust.",
            consequence: "De extra diensten uit de pilot lopen door, maar het nieuwe rooster geldt pas vanaf oktober.",
            action: "We zetten de pilot voort tot 1 oktober en bereiden de invoering in augustus en september voor met de teamleiders.");
        Update(sp2, "2023-10-05", OnTrack, "Het nieuwe rooster is op 2 oktober ingevoerd. Er zijn nu drie avonden per week diensten tot 02:00 uur.");
        Update(sp2, "2023-12-12", Done, "Het nieuwe rooster werkt. Bijna een derde van de diensturen valt nu in de avond of het weekend. Dit speerpunt is afgerond.");
        Milestone(sp2, "Analyse van overlastpieken naar dag en uur", "2022-07-15").Set("2022-04-01", OnTrack).Done("2022-07-12");
        Milestone(sp2, "Roostermodel besproken met medewerkers en OR", "2022-11-01").Set("2022-07-20", OnTrack).Set("2022-09-26", NeedsAttention).Done("2022-12-13");
        Milestone(sp2, "Pilot extra avond- en weekendinzet", "2023-03-01").Set("2022-12-15", OnTrack).Done("2023-02-27");
        Milestone(sp2, "Afspraken over bijstand door buurgemeente bij evenementen", "2023-05-01").Set("2023-01-16", OnTrack)
            .Cancel("2023-04-18", "De buurgemeente heeft zelf te weinig boa's. Drukke dagen vangen we op met een eigen flexpool.");
        Milestone(sp2, "Nieuw rooster ingevoerd", "2023-09-01").Set("2023-03-14", OnTrack).Move("2023-06-20", "2023-10-01", NeedsAttention).Done("2023-10-02");
        Indicator(sp2, "Diensturen na 18:00 uur en in het weekend", "% van totaal", 18, 30, IndicatorDirection.HigherIsBetter, 18, 20, 21, 25, 26, 27, 31);
        Indicator(sp2, "Avonden per week met een dienst tot 02:00 uur", "avonden", 2, 3, IndicatorDirection.HigherIsBetter, 2, 2, 2, 2, 2, 2, 3);

        var sp3 = Spearpoint(plan, 3, SpearpointKind.Development, "SP3", "Verwachtingenmanagement en communicatie richting buurten", ManagerVl,
            "We maken duidelijk wat buurten van ons kunnen verwachten. Wie een melding doet, hoort wat er met de melding is gebeurd. " +
            "Per gebied leggen we uit welke keuzes we maken en wat dat oplevert.");
        Update(sp3, "2022-07-07", OnTrack, "We werken aan een terugkoppelnorm: binnen welke tijd hoort een melder wat er met de melding is gedaan. Het voorstel bespreken we in september.");
        Update(sp3, "2022-09-29", OnTrack, "Het voorstel voor de terugkoppelnorm is besproken met het klantcontactcentrum. Vaststelling staat gepland voor november.");
        // Deliberately no update between the two briefings: SP3 shows as not updated since October.
        Update(sp3, "2023-02-28", NeedsAttention, "De terugkoppelnorm en het eerste wijkbericht zijn later dan gepland.",
            cause: "De koppeling tussen BuitenBeter en ons registratiesysteem werkte niet goed. Melders kregen daardoor geen automatisch bericht.",
            consequence: "We stellen de norm pas vast als we die kunnen nakomen. Het eerste wijkbericht en de uitleg van prioriteiten schuiven op.",
            action: "De leverancier herstelt de koppeling in maart. Het eerste wijkbericht verschijnt in april. We melden elke maand hoe het gaat.");
        Update(sp3, "2023-04-11", OnTrack, "De koppeling werkt weer. De terugkoppelnorm is op 7 maart vastgesteld: binnen 5 werkdagen hoort een melder wat er is gebeurd. Het eerste wijkbericht is verschenen.");
        Update(sp3, "2023-06-29", OnTrack, "Op de website staat nu waar we wel en niet op handhaven. In alle 7 gebieden hebben we met de bewonersplatforms gesproken.");
        Update(sp3, "2023-10-24", NeedsAttention, "De meting van zichtbaarheid en tevredenheid is nog niet gedaan.",
            cause: "Het onderzoeksbureau kon de enquête niet voor eind oktober uitvoeren.",
            consequence: "We weten later hoe bewoners onze inzet ervaren. De uitkomsten komen niet meer in de evaluatie van dit jaar.",
            action: "We houden de meting in januari 2024, samen met de veiligheidsmonitor.");
        Update(sp3, "2023-12-19", Delayed, "De meting van zichtbaarheid en tevredenheid is verschoven naar 2024.",
            cause: "Het onderzoeksbureau heeft de enquête niet in 2023 kunnen uitvoeren.",
            consequence: "Deze mijlpaal halen we niet in deze planperiode.",
            action: "De meting staat in het jaarplan 2023-2024 en wordt in januari 2024 gehouden.");
        Milestone(sp3, "Terugkoppelnorm voor melders vastgesteld", "2022-11-15").Set("2022-06-01", OnTrack).Set("2023-02-28", NeedsAttention).Done("2023-03-07");
        Milestone(sp3, "Eerste wijkbericht \"Handhaving in uw wijk\"", "2023-01-15").Move("2023-02-28", "2023-04-15", NeedsAttention).Done("2023-04-03");
        Milestone(sp3, "Prioriteiten online uitgelegd (wat wel, wat niet)", "2023-02-01").Move("2023-02-28", "2023-05-15", NeedsAttention).Done("2023-05-11");
        Milestone(sp3, "Gesprek met bewonersplatforms in alle 7 gebieden", "2023-03-31").Set("2023-03-01", OnTrack).Move("2023-04-11", "2023-06-30", OnTrack).Done("2023-06-26");
        Milestone(sp3, "Meting van zichtbaarheid en tevredenheid", "2023-10-31").Set("2023-06-29", OnTrack).Set("2023-10-24", NeedsAttention).Set("2023-12-19", Delayed);
        Indicator(sp3, "Melders die terugkoppeling krijgen", "%", 40, 90, IndicatorDirection.HigherIsBetter, 40, 45, null, 58, 74, 83, 88);
        Indicator(sp3, "Gebiedsplannen besproken met bewoners", "van 7 gebieden", 2, 7, IndicatorDirection.HigherIsBetter, 2, 3, null, 4, 7, 7, 7);

        var sp4 = Spearpoint(plan, 4, SpearpointKind.Development, "SP4", "Versterken van het team, kwantitatief en kwalitatief", Manager,
            "We brengen de formatie op sterkte en houden die op peil: werven, behouden en doorgroeien. We investeren in vakmanschap: " +
            "opleiding, certificering, training in geweldsbeheersing en gedrag, en een duidelijk functiehuis.");
        Update(sp4, "2022-07-12", OnTrack, "De analyse van formatie en functiehuis is klaar. Er zijn 60 formatieplaatsen; 49 fte is bezet. De eerste wervingsronde loopt.");
        Update(sp4, "2022-09-28", NeedsAttention, "De eerste wervingsronde is afgerond: 3 nieuwe collega's beginnen. Hun opleiding kan later beginnen dan gepland.",
            cause: "Vanaf 1 januari 2023 geldt een nieuw examenprogramma voor de boa-basisopleiding. Opleiders plannen geen nieuwe groepen meer in het oude programma.",
            consequence: "Nieuwe collega's kunnen pas na de start van het nieuwe programma beginnen. Tot die tijd kunnen zij niet zelfstandig handhaven.",
            action: "Nieuwe collega's lopen mee met ervaren boa's en doen alvast de interne training. We reserveren plaatsen in de eerste groep van het nieuwe programma.");
        Update(sp4, "2022-11-08", NeedsAttention, "De opleiding van de nieuwe collega's begint op 1 maart 2023. De plaatsen in de eerste groep zijn gereserveerd.",
            cause: "De eerste groep in het nieuwe examenprogramma begint pas in maart.",
            consequence: "De nieuwe collega's zijn pas in de zomer van 2023 volledig inzetbaar.",
            action: "Tot die tijd werken zij in duo's met ervaren boa's.");
        Update(sp4, "2023-01-17", Delayed, "De tweede wervingsronde loopt achter. Er zijn minder sollicitanten dan verwacht.",
            cause: "In de hele regio is er een tekort aan boa's. Andere gemeenten werven tegelijk.",
            consequence: "De formatie is niet voor de zomer op sterkte. Bij evenementen is minder inzet mogelijk.",
            action: "We werven ook zij-instromers en bieden hun een opleiding aan. De wervingscampagne loopt ook via sociale media.");
        Update(sp4, "2023-03-21", NeedsAttention, "De nieuwe collega's zijn op 6 maart met de opleiding begonnen. De tweede wervingsronde heeft 4 kandidaten opgeleverd.",
            cause: "Het tekort aan boa's in de regio blijft.",
            consequence: "De formatie komt later op sterkte dan gepland.",
            action: "We houden een vacature open en werken met het opleidingsinstituut aan een traineeship.");
        Update(sp4, "2023-06-13", OnTrack, "Er is nu 55 fte bezet. Het opleidings- en trainingsplan loopt volgens planning.");
        Update(sp4, "2023-09-19", OnTrack, "De trainingen geweldsbeheersing en gedrag voor alle boa's zijn gepland. 95% van de medewerkers heeft een geldige certificering.");
        Update(sp4, "2023-12-20", OnTrack, "De formatie staat op 57 fte. De laatste boa's ronden de PHB-module voor het einde van het jaar af.");
        Milestone(sp4, "Analyse van formatie en functiehuis", "2022-06-30").Set("2022-03-15", OnTrack).Done("2022-06-21");
        Milestone(sp4, "Wervingsronde 1 afgerond", "2022-09-15").Set("2022-05-02", OnTrack).Done("2022-09-14");
        Milestone(sp4, "Nieuwe collega's gestart met boa-basisopleiding en Domein I", "2022-12-01").Set("2022-09-14", OnTrack)
            .Set("2022-09-28", Delayed).Move("2022-11-08", "2023-03-01", Delayed).Done("2023-03-06");
        Milestone(sp4, "Opleidings- en trainingsplan 2023 vastgesteld", "2023-01-31").Set("2022-11-08", OnTrack).Done("2023-01-24");
        Milestone(sp4, "Alle boa's hebben de PHB-module van 2023 behaald", "2023-12-31").Set("2023-03-21", OnTrack);
        Indicator(sp4, "Bezette formatie", "fte", 49, 58, IndicatorDirection.HigherIsBetter, 49, 52, 52, 53, 55, 56, 57);
        Indicator(sp4, "Medewerkers met geldige certificering", "%", 85, 100, IndicatorDirection.HigherIsBetter, 85, 88, 90, 92, 93, 95, 98);
        Indicator(sp4, "Ziekteverzuim", "%", 8.5, 6.0, IndicatorDirection.LowerIsBetter, 8.5, 8.1, 8.4, 7.6, 7.0, 6.8, 6.4);

        var is1 = Spearpoint(plan, 5, SpearpointKind.Substantive, "IS1", "Overlast uitgaansgebied", ManagerVl,
            "Minder overlast van uitgaanspubliek in de binnenstad in de nachten van vrijdag en zaterdag, samen met horeca en politie.");
        Update(is1, "2022-10-25", OnTrack, "We maken met horeca en politie afspraken over een gezamenlijke aanpak. De eerste gesprekken zijn positief.");
        Update(is1, "2023-01-30", OnTrack, "Sinds januari zijn er in de nachten van vrijdag en zaterdag extra boa's in het uitgaansgebied. Er komen minder meldingen van geluidsoverlast.");
        Update(is1, "2023-07-06", Done, "De evaluatie is gehouden. Horeca en bewoners zijn positief. De aanpak gaat door in het jaarplan 2023-2024.");
        Milestone(is1, "Gezamenlijke aanpak met horeca en politie vastgesteld", "2022-12-01", created: "2022-09-15").Set("2022-10-20", OnTrack).Done("2022-11-30");
        Milestone(is1, "Extra inzet in de vrijdag- en zaterdagnacht rond Markt en Platielstraat", "2023-02-01", created: "2022-09-15").Set("2022-12-05", OnTrack).Done("2023-01-27");
        Milestone(is1, "Evaluatie met horecaondernemers en bewoners", "2023-06-30", created: "2022-09-15").Set("2023-04-03", OnTrack).Done("2023-07-04");
        Indicator(is1, "Meldingen geluidsoverlast uitgaansgebied per maand", "meldingen", 120, 80, IndicatorDirection.LowerIsBetter, null, 118, 104, 92, 85, 83, 79);

        var is2 = Spearpoint(plan, 6, SpearpointKind.Substantive, "IS2", "Fietsparkeren binnenstad", ManagerVl,
            "Fietsen staan niet meer in de weg op looproutes in de binnenstad en rond het station. Weesfietsen worden weggehaald.");
        Update(is2, "2022-11-15", OnTrack, "Het handhavingsplan voor fietsparkeren is bijna klaar. We beginnen met waarschuwen; daarna handhaven we.");
        Update(is2, "2023-02-07", NeedsAttention, "De vaste controles rond het station beginnen later.",
            cause: "De nieuwe fietsenstalling bij het station gaat later open. Zonder goed alternatief is handhaven niet redelijk.",
            consequence: "Rond het station blijven fietsen langer op de looproutes staan.",
            action: "We beginnen met controles rond de Markt. Bij het station waarschuwen we en halen we weesfietsen weg.");
        Update(is2, "2023-04-18", OnTrack, "De controles rond het station en de Markt lopen sinds april.");
        Update(is2, "2023-09-05", OnTrack, "De nieuwe stalling is open. Omwonenden en ondernemers hebben een brief gekregen.");
        Update(is2, "2023-11-21", Done, "Dit speerpunt is afgerond. Fietsparkeren hoort nu bij de gewone inzet.");
        Milestone(is2, "Handhavingsplan fietsparkeren en weesfietsen", "2022-12-15", created: "2022-09-15").Set("2022-10-10", OnTrack).Done("2022-12-20");
        Milestone(is2, "Vaste controles rond station en Markt", "2023-03-01", created: "2022-09-15").Set("2023-02-07", NeedsAttention).Done("2023-04-12");
        Milestone(is2, "Communicatie over de nieuwe fietsenstalling", "2023-04-01", created: "2022-09-15").Move("2023-02-07", "2023-09-01", OnTrack).Done("2023-08-30");
        Indicator(is2, "Fietsen op looproutes bij de telling", "fietsen", 340, 150, IndicatorDirection.LowerIsBetter, null, null, 310, 290, 210, 160, 140);

        plan.Briefings.Add(new Briefing
        {
            Date = Day("2022-10-11"),
            Title = "Bijpraatsessie handhaven: professionalisering",
            Audience = "Domein Algemene Zaken",
            Agenda = "De vier ontwikkelspeerpunten van het jaarplan handhaven openbare ruimte 2022-2023.",
            Notes = "De burgemeester presenteert, samen met de interim-manager HOR en de manager Veiligheid & Leefbaarheid.",
            Spearpoints = [sp1, sp2, sp3, sp4],
        });
        plan.Briefings.Add(new Briefing
        {
            Date = Day("2023-02-14"),
            Title = "Bijpraatsessie handhaven: inhoudelijke speerpunten en doorkijk jaarplan 2023-2024",
            Audience = "Domein Algemene Zaken",
            Agenda = "De inhoudelijke speerpunten, de voortgang van de ontwikkelspeerpunten sinds oktober en een eerste doorkijk naar het jaarplan 2023-2024.",
            Notes = "De brief van de burgemeester noemt alleen \"februari 2023\"; de datum is aangenomen.",
            Spearpoints = [sp1, sp2, sp3, sp4, is1, is2],
        });
        return plan;
    }

    internal static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A Dutch working-day moment on that date, in UTC.</summary>
    internal static DateTime At(string iso, int hour = 10) => DashboardClock.StartOfDayUtc(Day(iso)).AddHours(hour);

    internal static Spearpoint Spearpoint(Plan plan, int order, SpearpointKind kind, string code, string title, string owner, string description)
    {
        var spearpoint = new Spearpoint
        {
            Plan = plan, Kind = kind, Code = code, Title = title, OwnerRole = owner, Description = description, SortOrder = order,
        };
        plan.Spearpoints.Add(spearpoint);
        return spearpoint;
    }

    internal static void Update(Spearpoint sp, string date, Status status, string explanation,
        string? cause = null, string? consequence = null, string? action = null) =>
        sp.StatusUpdates.Add(new StatusUpdate
        {
            Status = status,
            Explanation = explanation,
            Cause = cause,
            Consequence = consequence,
            CorrectiveAction = action,
            Author = sp.OwnerRole,
            RecordedAt = At(date, 14),
        });

    internal static MilestoneScript Milestone(Spearpoint sp, string title, string due, string created = "2022-01-18")
    {
        var milestone = new Milestone
        {
            Title = title,
            DueDate = Day(due),
            OriginalDueDate = Day(due),
            State = NotStarted,
            SortOrder = sp.Milestones.Count + 1,
            CreatedAt = At(created),
        };
        sp.Milestones.Add(milestone);
        return new MilestoneScript(milestone, sp.OwnerRole).Record(created);
    }

    /// <summary>Writes a milestone's history: each step changes it and appends a revision.</summary>
    internal sealed class MilestoneScript(Milestone milestone, string author)
    {
        public MilestoneScript Record(string date)
        {
            milestone.Revisions.Add(MilestoneRevision.Of(milestone, author, At(date, 11)));
            return this;
        }

        public MilestoneScript Set(string date, Status state)
        {
            milestone.State = state;
            return Record(date);
        }

        public MilestoneScript Move(string date, string newDue, Status state)
        {
            milestone.DueDate = Day(newDue);
            milestone.State = state;
            return Record(date);
        }

        public MilestoneScript Done(string date)
        {
            milestone.State = Status.Done;
            milestone.CompletedOn = Day(date);
            return Record(date);
        }

        public MilestoneScript Cancel(string date, string reason)
        {
            milestone.State = Cancelled;
            milestone.CancelReason = reason;
            return Record(date);
        }
    }

    /// <summary>An indicator with one value per quarter end (null: not measured that quarter), recorded a few days later.</summary>
    private static void Indicator(Spearpoint sp, string name, string unit, double baseline, double target,
        IndicatorDirection direction, params double?[] quarterly) =>
        Indicator(sp, name, unit, baseline, target, direction, Quarters, quarterly);

    /// <summary>A quarterly indicator with a value on each of <paramref name="dates"/> (null: not measured then), recorded a few days later.</summary>
    internal static void Indicator(Spearpoint sp, string name, string unit, double baseline, double target,
        IndicatorDirection direction, string[] dates, double?[] values)
    {
        var indicator = new Indicator
        {
            Name = name, Unit = unit, Baseline = baseline, Target = target, Direction = direction,
            SortOrder = sp.Indicators.Count + 1,
            Frequency = MeasurementFrequency.Quarterly,
            CreatedAt = DashboardClock.StartOfDayUtc(sp.Plan!.StartDate),
        };
        for (var q = 0; q < values.Length; q++)
        {
            if (values[q] is { } value)
            {
                var date = Day(dates[q]);
                indicator.Measurements.Add(new Measurement
                {
                    Date = date,
                    Value = value,
                    Author = sp.OwnerRole,
                    RecordedAt = At(date.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 9),
                });
            }
        }
        sp.Indicators.Add(indicator);
    }
}
