using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;

namespace MigrantAid.Web.Data.Seed;

/// <summary>
/// The demo's people and the article's story (Development only, run by the demo seeder):
/// the Alkari centre's 63 apprentices of 2016/2017 — five trades, both diploma tracks, 80 %
/// of the time with garages, workshops and salons of Rabat, monthly attendance, dropouts
/// because people needed an income, completions, diplomas and what became of them six months
/// later —, the cohorts since, this year's apprentices with attendance to enter and some at
/// risk, applications waiting, a few other centres; then thousands of files across the
/// regions. Deterministic (fixed seed) and idempotent: the story is written once, and the
/// people are topped up to the requested number.
/// </summary>
public sealed class DemoStory(IConfiguration configuration, TimeProvider clock) : IDemoDataContributor
{
    /// <summary>Apprentices of Alkari in 2016/2017 (the article).</summary>
    public const int AlkariApprentices2016 = 63;
    private const int BatchSize = 500;

    public int Order => 100;

    public async Task SeedAsync(AppDbContext db, DemoDataOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        // Tests that do not need thousands of people turn them off (Seed:DemoPeople=false).
        if (!configuration.GetValue("Seed:DemoPeople", true))
        {
            return;
        }
        var refs = await Refs.LoadAsync(db, ct);
        var today = clock.Today();
        var registry = new MigrantRegistry(db, clock);
        await SeedStoryAsync(db, registry, refs, options.Seed, today, ct);
        await SeedPeopleAsync(db, registry, refs, options, today, ct);
    }

    private static async Task SeedPeopleAsync(AppDbContext db, MigrantRegistry registry, Refs refs, DemoDataOptions options, DateOnly today, CancellationToken ct)
    {
        var existing = await db.Migrants.CountAsync(ct);
        for (var from = existing; from < options.Migrants; from += BatchSize)
        {
            var people = Enumerable.Range(from, Math.Min(BatchSize, options.Migrants - from))
                .Select(i => DemoPeople.Generate(options.Seed, i, today)).ToList();
            await SaveAsync(db, registry, refs, people.Select(p => (p, new List<Enrolment>())).ToList(), ct);
        }
    }

    /// <summary>Saves people with their notes, needs and enrolments through the registry (file numbers), then dates their registration.</summary>
    private static async Task SaveAsync(AppDbContext db, MigrantRegistry registry, Refs refs, List<(DemoPerson Person, List<Enrolment> Enrolments)> people, CancellationToken ct)
    {
        var files = new List<(DemoPerson Person, Migrant File)>();
        foreach (var (p, enrolments) in people)
        {
            var regionId = refs.Regions[p.RegionCode];
            var worker = refs.SocialWorkers.GetValueOrDefault(p.RegionCode);
            var m = DemoPeople.ToMigrant(p, regionId, refs.Countries[p.NationalityCode], worker);
            m.Enrolments.AddRange(enrolments);
            foreach (var n in p.Notes)
            {
                db.CaseNotes.Add(new CaseNote { Migrant = m, RegionId = regionId, Kind = n.Kind, Date = n.Date, Text = n.Text, Confidential = n.Confidential, AuthorId = worker });
            }
            foreach (var n in p.Needs)
            {
                db.Needs.Add(new Need
                {
                    Migrant = m, RegionId = regionId, Kind = n.Kind, Status = n.Status, OpenedOn = n.OpenedOn, ReferredOn = n.ReferredOn,
                    ClosedOn = n.ClosedOn, ReferredTo = n.ReferredTo,
                });
            }
            files.Add((p, m));
        }
        await registry.CreateManyAsync(files.Select(f => f.File).ToList(), ct);
        // The files were registered over the years, not today: registrations per month read CreatedAt.
        foreach (var (p, m) in files)
        {
            m.CreatedAt = new DateTimeOffset(p.RegisteredOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            m.CreatedBy = m.RegisteredById;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static async Task SeedStoryAsync(AppDbContext db, MigrantRegistry registry, Refs refs, int seed, DateOnly today, CancellationToken ct)
    {
        if (await db.Enrolments.AnyAsync(e => e.TrainingCentreId == refs.Alkari.Id, ct))
        {
            return;
        }
        var r = new Random(seed);
        var story = new StoryWriter(db, refs, today, r);
        var alkari = refs.Alkari;
        var currentYear = AcademicYear.Of(today);

        // Hosts of Rabat: garages, workshops and salons that take apprentices 80 % of the time.
        story.AddHost(alkari.RegionId, "AUTO", HostKind.Garage, "Garage Atlas Auto, Yacoub El Mansour");
        story.AddHost(alkari.RegionId, "AUTO", HostKind.Garage, "Garage du Bouregreg");
        story.AddHost(alkari.RegionId, "AUTO", HostKind.Garage, "Garage Hassan Mécanique, Akkari");
        story.AddHost(alkari.RegionId, "TOLE", HostKind.Garage, "Carrosserie Al Amal, Takaddoum");
        story.AddHost(alkari.RegionId, "TOLE", HostKind.Workshop, "Tôlerie Océan");
        story.AddHost(alkari.RegionId, "ALU", HostKind.Workshop, "Alu Confort, Hay Riad");
        story.AddHost(alkari.RegionId, "ALU", HostKind.Workshop, "Menuiserie Alu Rabat Sud");
        story.AddHost(alkari.RegionId, "BAT", HostKind.Company, "Entreprise Bâtir Salé-Rabat");
        story.AddHost(alkari.RegionId, "BAT", HostKind.Company, "Chantiers Akkari Construction");
        story.AddHost(alkari.RegionId, "COIF", HostKind.Salon, "Salon Élégance, Agdal");
        story.AddHost(alkari.RegionId, "COIF", HostKind.Salon, "Salon Nour, Diour Jamaa");
        story.AddHost(alkari.RegionId, "COIF", HostKind.Salon, "Afro Coiffure Océan");

        // 2016/2017: 63 apprentices on both tracks (building also in the 24-month qualification track).
        (string Trade, string Track, int Count)[] groups2016 =
            [("ALU", DiplomaTrack.Apprenticeship, 11), ("AUTO", DiplomaTrack.Apprenticeship, 13), ("BAT", DiplomaTrack.Apprenticeship, 10),
             ("BAT", DiplomaTrack.Qualification, 10), ("COIF", DiplomaTrack.Apprenticeship, 9), ("TOLE", DiplomaTrack.Apprenticeship, 10)];
        DropoutReason[] dropouts2016 =
            [DropoutReason.NeedsIncomeBegging, DropoutReason.NeedsIncomeInformalWork, DropoutReason.NeedsIncomeInformalWork, DropoutReason.NeedsIncomeBegging,
             DropoutReason.NeedsIncomeInformalWork, DropoutReason.FoundWork, DropoutReason.NeedsIncomeBegging, DropoutReason.LeftRegionOrCountry,
             DropoutReason.NeedsIncomeInformalWork, DropoutReason.FoundWork, DropoutReason.Health, DropoutReason.LeftRegionOrCountry, DropoutReason.Family];
        var n = 0;
        var incomeDropouts2016 = new List<DemoPerson>();
        foreach (var g in groups2016)
        {
            for (var i = 0; i < g.Count; i++, n++)
            {
                var person = DemoPeople.Generate(seed + 1, n, today, "RSK", new DateOnly(2016, 8, 31)) with { City = "Rabat" };
                // Every fifth apprentice left before the end: most of them because they needed an income.
                var fate = n % 5 == 2 && n / 5 < dropouts2016.Length ? Fate.DropOut(dropouts2016[n / 5], 3 + (n % 7)) : Fate.Complete;
                if (fate.Reason is DropoutReason.NeedsIncomeBegging or DropoutReason.NeedsIncomeInformalWork)
                {
                    incomeDropouts2016.Add(person);
                }
                story.Enrol(person, alkari, g.Trade, g.Track, 2016, fate);
            }
        }

        // The cohorts since, smaller, each with its dropouts and diplomas.
        string[] trades = ["ALU", "AUTO", "BAT", "COIF", "TOLE"];
        for (var year = 2017; year < currentYear; year++)
        {
            var size = 18 + r.Next(0, 10);
            for (var i = 0; i < size; i++, n++)
            {
                var person = DemoPeople.Generate(seed + 1, n, today, "RSK", new DateOnly(year, 8, 31));
                var fate = r.NextDouble() < 0.22 ? Fate.DropOut(PickReason(r), 2 + r.Next(0, 8)) : Fate.Complete;
                story.Enrol(person, alkari, trades[i % trades.Length], DiplomaTrack.Apprenticeship, year, fate);
            }
        }

        // This year: apprentices since September, October's attendance still to enter for some,
        // a few at risk (falling attendance, no host yet, an income need), applications waiting.
        Fate[] current =
        [
            Fate.Ongoing, Fate.Ongoing, Fate.Ongoing, Fate.MissingMonth, Fate.Ongoing, Fate.LowAttendance, Fate.Ongoing, Fate.MissingMonth,
            Fate.Ongoing, Fate.NoPlacement, Fate.Ongoing, Fate.Ongoing, Fate.MissingMonth, Fate.Ongoing, Fate.LowAttendanceIncomeNeed,
        ];
        var perTrade = new Dictionary<string, int> { ["ALU"] = 9, ["AUTO"] = 11, ["BAT"] = 8, ["COIF"] = 10, ["TOLE"] = 7 };
        var k = 0;
        foreach (var (trade, count) in perTrade)
        {
            for (var i = 0; i < count; i++, n++, k++)
            {
                var person = DemoPeople.Generate(seed + 1, n, today, "RSK", today.AddMonths(-3));
                story.Enrol(person, alkari, trade, DiplomaTrack.Apprenticeship, currentYear, current[k % current.Length]);
            }
        }
        for (var i = 0; i < 6; i++, n++)
        {
            var person = DemoPeople.Generate(seed + 1, n, today, "RSK", today.AddMonths(-3));
            story.Enrol(person, alkari, "BAT", DiplomaTrack.Qualification, currentYear, i == 3 ? Fate.MissingMonth : Fate.Ongoing);
        }
        // Two left this month because they had to earn a living: the social workers are alerted.
        for (var i = 0; i < 2; i++, n++)
        {
            var person = DemoPeople.Generate(seed + 1, n, today, "RSK", today.AddMonths(-3));
            story.Enrol(person, alkari, trades[i], DiplomaTrack.Apprenticeship, currentYear,
                Fate.DropOut(i == 0 ? DropoutReason.NeedsIncomeInformalWork : DropoutReason.NeedsIncomeBegging, 2));
        }
        for (var i = 0; i < 8; i++, n++)
        {
            var person = DemoPeople.Generate(seed + 1, n, today, "RSK", today.AddDays(-20));
            story.Enrol(person, alkari, trades[i % trades.Length], DiplomaTrack.Apprenticeship, currentYear, i < 6 ? Fate.Applied : Fate.Accepted);
        }

        // A few other centres (Casablanca, Tanger, the Oriental, Salé): last year's cohort and this year's.
        foreach (var centre in refs.OtherCentres)
        {
            var regionCode = refs.RegionCodes[centre.RegionId];
            foreach (var trade in centre.TradeCodes.Take(3))
            {
                story.AddHost(centre.RegionId, trade, HostKind.Workshop, $"Atelier {refs.TradeNames[trade]} de {centre.City}");
            }
            for (var i = 0; i < 24; i++, n++)
            {
                var year = i < 12 ? currentYear - 1 : currentYear;
                var person = DemoPeople.Generate(seed + 1, n, today, regionCode, new DateOnly(year, 8, 31)) with { City = centre.City };
                var fate = year < currentYear
                    ? i % 4 == 1 ? Fate.DropOut(PickReason(r), 3 + r.Next(0, 6)) : Fate.Complete
                    : i % 6 == 1 ? Fate.LowAttendance : Fate.Ongoing;
                story.Enrol(person, centre.Centre, centre.TradeCodes[i % Math.Min(3, centre.TradeCodes.Count)], DiplomaTrack.Apprenticeship, year, fate);
            }
        }

        // Two of the 2016 apprentices who left to earn a living came back this year (the risk list remembers).
        var returning = incomeDropouts2016.Take(2).ToList();
        await story.AddOffersAsync(ct);
        await SaveAsync(db, registry, refs, story.People, ct);
        foreach (var person in returning)
        {
            var file = await db.Migrants.Where(m => m.FamilyName == person.FamilyName && m.GivenName == person.GivenName && m.Phone == person.Phone)
                .OrderBy(m => m.Id).FirstAsync(ct);
            var again = story.Enrolment(alkari, "BAT", DiplomaTrack.Apprenticeship, currentYear, Fate.Ongoing);
            again.MigrantId = file.Id;
            db.Enrolments.Add(again);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static DropoutReason PickReason(Random r) => DemoPeople.Pick(r,
        [(DropoutReason.NeedsIncomeInformalWork, 30), (DropoutReason.NeedsIncomeBegging, 18), (DropoutReason.FoundWork, 15), (DropoutReason.LeftRegionOrCountry, 15),
         (DropoutReason.Health, 8), (DropoutReason.Family, 8), (DropoutReason.Other, 6)], x => x.Item2).Item1;

    internal enum FateKind { Applied, Accepted, Ongoing, MissingMonth, LowAttendance, LowAttendanceIncomeNeed, NoPlacement, DropOut, Complete }

    internal sealed record Fate(FateKind Kind, DropoutReason? Reason = null, int MonthsBeforeDropout = 0)
    {
        public static readonly Fate Applied = new(FateKind.Applied);
        public static readonly Fate Accepted = new(FateKind.Accepted);
        public static readonly Fate Ongoing = new(FateKind.Ongoing);
        public static readonly Fate MissingMonth = new(FateKind.MissingMonth);
        public static readonly Fate LowAttendance = new(FateKind.LowAttendance);
        public static readonly Fate LowAttendanceIncomeNeed = new(FateKind.LowAttendanceIncomeNeed);
        public static readonly Fate NoPlacement = new(FateKind.NoPlacement);
        public static readonly Fate Complete = new(FateKind.Complete);
        public static Fate DropOut(DropoutReason reason, int months) => new(FateKind.DropOut, reason, months);
    }

    /// <summary>Writes enrolments through the domain's own transitions (Apply, Accept, Activate, DropOut, Complete, Certify, RecordOutcome).</summary>
    private sealed class StoryWriter(AppDbContext db, Refs refs, DateOnly today, Random r)
    {
        private readonly List<HostProfessional> hosts = [];
        private readonly HashSet<(int Centre, int Trade, int Track, int Year)> offers = [];
        private int diplomas;
        public List<(DemoPerson Person, List<Enrolment> Enrolments)> People { get; } = [];

        public void AddHost(int regionId, string trade, HostKind kind, string name)
        {
            var host = new HostProfessional { Name = name, Kind = kind, TradeId = refs.Trades[trade], RegionId = regionId, City = name.Contains("Salé", StringComparison.Ordinal) ? "Salé" : CityOf(regionId), Contact = "05 37 00 00 00" };
            hosts.Add(host);
            db.HostProfessionals.Add(host);
        }

        private string CityOf(int regionId) => refs.RegionCodes[regionId] switch { "RSK" => "Rabat", "CS" => "Casablanca", "TTA" => "Tanger", "ORI" => "Oujda", _ => "Rabat" };

        public void Enrol(DemoPerson person, TrainingCentre centre, string trade, string track, int year, Fate fate)
        {
            if (fate.Kind == FateKind.LowAttendanceIncomeNeed)
            {
                person = person with { Needs = [.. person.Needs, new DemoNeed(NeedKind.Income, NeedStatus.Open, today.AddDays(-10), null, null, null)] };
            }
            People.Add((person, [Enrolment(centre, trade, track, year, fate)]));
        }

        public Enrolment Enrolment(TrainingCentre centre, string trade, string trackCode, int year, Fate fate)
        {
            var track = refs.Tracks[trackCode];
            var tradeId = refs.Trades[trade];
            offers.Add((centre.Id, tradeId, track.Id, year));
            var late = fate.Kind is FateKind.Applied or FateKind.Accepted && year == AcademicYear.Of(today);
            // Late applicants of this year start with the January intake.
            var start = late ? new DateOnly(year + 1, 1, 5) : new DateOnly(year, 9, 15);
            var applied = late ? today.AddDays(-r.Next(3, 25)) : start.AddDays(-r.Next(20, 70));
            var e = Domain.Enrolment.Apply(0, centre, tradeId, track, year, start, applied);
            if (fate.Kind == FateKind.Applied)
            {
                return e;
            }
            e.Accept(late ? applied.AddDays(2) : start.AddDays(-r.Next(3, 15)));
            if (fate.Kind == FateKind.Accepted)
            {
                return e;
            }
            e.Activate(start);

            var current = year == AcademicYear.Of(today);
            var (dueYear, dueMonth) = Features.Enrolments.RiskList.MonthDue(today);
            var due = new DateOnly(dueYear, dueMonth, 1);
            // The last month with attendance entered, and where the enrolment ends.
            DateOnly lastMonth;
            DateOnly? end = null;
            switch (fate.Kind)
            {
                case FateKind.DropOut:
                    var left = current ? today.AddDays(-r.Next(3, 20)) : new DateOnly(year, 9, 15).AddMonths(fate.MonthsBeforeDropout).AddDays(r.Next(0, 25));
                    end = left;
                    lastMonth = new DateOnly(left.Year, left.Month, 1).AddMonths(-1);
                    break;
                case FateKind.Complete:
                    end = e.ExpectedEndDate;
                    lastMonth = new DateOnly(end.Value.Year, end.Value.Month, 1).AddMonths(-1);
                    break;
                case FateKind.MissingMonth:
                    lastMonth = due.AddMonths(-1);
                    break;
                default:
                    lastMonth = due;
                    break;
            }

            var host = hosts.Where(h => h.TradeId == tradeId && h.RegionId == centre.RegionId).ToList();
            var placed = track.AlternatingTraining && fate.Kind != FateKind.NoPlacement && host.Count > 0;
            var placementStart = start.AddDays(14);
            if (placed)
            {
                var chosen = host[r.Next(host.Count)];
                e.Placements.Add(new HostPlacement
                {
                    TrainingCentreId = centre.Id, RegionId = centre.RegionId,
                    // By key once saved: a saved host may carry navigations to reference data the context no longer tracks.
                    HostProfessional = chosen.Id == 0 ? chosen : null, HostProfessionalId = chosen.Id,
                    StartDate = placementStart, EndDate = end, SharePercent = track.HostSharePercent,
                });
            }
            var low = fate.Kind is FateKind.LowAttendance or FateKind.LowAttendanceIncomeNeed;
            for (var month = new DateOnly(start.Year, start.Month, 1); month <= lastMonth; month = month.AddMonths(1))
            {
                var monthsLeft = (lastMonth.Year * 12 + lastMonth.Month) - (month.Year * 12 + month.Month);
                // Attendance falls before a dropout: the early sign the risk list looks for.
                var rate = fate.Kind == FateKind.DropOut && monthsLeft < 2 ? 0.35 + (0.15 * monthsLeft) + (r.NextDouble() * 0.1)
                    : low && monthsLeft < 2 ? 0.45 + (r.NextDouble() * 0.15)
                    : 0.82 + (r.NextDouble() * 0.18);
                var withHost = placed && month.AddMonths(1) > placementStart;
                var days = month.Month == start.Month && month.Year == start.Year ? 11 : 22;
                var centreDays = withHost ? (int)Math.Round(days * (100 - track.HostSharePercent) / 100.0) : days;
                var hostDays = days - centreDays;
                e.Attendance.Add(new MonthlyAttendance
                {
                    TrainingCentreId = centre.Id, RegionId = centre.RegionId, Year = month.Year, Month = month.Month,
                    CentreDaysExpected = centreDays, CentreDaysPresent = (int)Math.Round(centreDays * rate),
                    HostDaysExpected = hostDays, HostDaysPresent = (int)Math.Round(hostDays * rate),
                });
            }

            if (fate.Kind == FateKind.DropOut)
            {
                e.DropOut(end!.Value, fate.Reason!.Value);
                return e;
            }
            if (fate.Kind != FateKind.Complete || e.ExpectedEndDate > today)
            {
                return e;
            }
            e.Complete(e.ExpectedEndDate);
            var certified = e.ExpectedEndDate.AddDays(30 + r.Next(0, 20));
            if (certified <= today && r.NextDouble() < 0.9)
            {
                e.Certify(string.Create(CultureInfo.InvariantCulture, $"{trackCode[..2]}-{certified.Year}-RAB-{++diplomas:D4}"), certified);
            }
            // Six months after completion: most recorded, some still due (the director's follow-up list).
            if (e.FollowUpDueOn is { } followUp && followUp.AddDays(10) <= today && r.NextDouble() < 0.85)
            {
                var outcome = DemoPeople.Pick(r,
                    [(TrainingOutcome.EmployedByHost, 38), (TrainingOutcome.EmployedElsewhere, 14), (TrainingOutcome.SelfEmployed, 16),
                     (TrainingOutcome.FurtherTraining, 5), (TrainingOutcome.SeekingWork, 18), (TrainingOutcome.Unknown, 9)], x => x.Item2).Item1;
                e.RecordOutcome(outcome, followUp.AddDays(r.Next(0, 10)));
            }
            return e;
        }

        /// <summary>The centres' offers for the trades and years the story enrols in (capacity 15), where missing.</summary>
        public async Task AddOffersAsync(CancellationToken ct)
        {
            var existing = (await db.CentreOffers.Select(o => new { o.TrainingCentreId, o.TradeId, o.DiplomaTrackId, o.AcademicYear }).ToListAsync(ct))
                .Select(o => (o.TrainingCentreId, o.TradeId, o.DiplomaTrackId, o.AcademicYear)).ToHashSet();
            foreach (var o in offers.Where(o => !existing.Contains(o)))
            {
                db.CentreOffers.Add(new CentreOffer { TrainingCentreId = o.Centre, TradeId = o.Trade, DiplomaTrackId = o.Track, AcademicYear = o.Year, Capacity = 15 });
            }
        }
    }

    internal sealed record OtherCentre(TrainingCentre Centre, string City, int RegionId, IReadOnlyList<string> TradeCodes);

    private sealed record Refs(
        Dictionary<string, int> Regions, Dictionary<int, string> RegionCodes, Dictionary<string, int> Countries, Dictionary<string, int> Trades,
        Dictionary<string, string> TradeNames, Dictionary<string, DiplomaTrack> Tracks, TrainingCentre Alkari, IReadOnlyList<OtherCentre> OtherCentres,
        Dictionary<string, string> SocialWorkers)
    {
        public static async Task<Refs> LoadAsync(AppDbContext db, CancellationToken ct)
        {
            var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(x => x.Code, x => x.Id, ct);
            var trades = await db.Trades.AsNoTracking().ToListAsync(ct);
            var tradeCodes = trades.ToDictionary(t => t.Id, t => t.Code);
            var alkari = await db.TrainingCentres.AsNoTracking().SingleAsync(c => c.Code == DemoDataSeeder.AlkariCode, ct);
            var others = new List<OtherCentre>();
            foreach (var (region, city) in new[] { ("CS", "Casablanca"), ("TTA", "Tanger"), ("ORI", "Oujda"), ("RSK", "Salé") })
            {
                var regionId = regions[region];
                var centre = await db.TrainingCentres.AsNoTracking().Include(c => c.Trades)
                    .Where(c => c.RegionId == regionId && c.Code != DemoDataSeeder.AlkariCode && c.City == city)
                    .OrderBy(c => c.Code).FirstOrDefaultAsync(ct)
                    ?? await db.TrainingCentres.AsNoTracking().Include(c => c.Trades)
                        .Where(c => c.RegionId == regionId && c.Code != DemoDataSeeder.AlkariCode).OrderBy(c => c.Code).FirstAsync(ct);
                others.Add(new OtherCentre(centre, centre.City, regionId, centre.Trades.Select(t => tradeCodes[t.TradeId]).Order(StringComparer.Ordinal).ToList()));
            }
            var workers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (email, region) in new[] { ("RABAT.SOCIAL@MIGRANTAID.TEST", "RSK"), ("TANGER.SOCIAL@MIGRANTAID.TEST", "TTA") })
            {
                if (await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).FirstOrDefaultAsync(ct) is { } id)
                {
                    workers[region] = id;
                }
            }
            return new Refs(regions, regions.ToDictionary(x => x.Value, x => x.Key), await db.Countries.AsNoTracking().ToDictionaryAsync(x => x.Code, x => x.Id, ct),
                trades.ToDictionary(t => t.Code, t => t.Id), trades.ToDictionary(t => t.Code, t => t.NameFr.ToLower(CultureInfo.GetCultureInfo("fr"))),
                await db.DiplomaTracks.AsNoTracking().ToDictionaryAsync(t => t.Code, ct), alkari, others, workers);
        }
    }
}
