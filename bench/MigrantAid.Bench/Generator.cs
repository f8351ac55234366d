// The bench's data generator: a deterministic registry with everything hanging off a file.
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Bench;

/// <summary>How much of each record hangs off a file (defaults: the data the issue measured with).</summary>
internal sealed record GeneratorShape(double EnrolmentShare = 0.2, int AuditPerMigrant = 2, double NoteShare = 1.0, double NeedShare = 0.5,
    double HouseholdShare = 0.3, double ActivityShare = 0.005, double DistributionShare = 0.002);

/// <summary>
/// Deterministic fake registry: names from West and Central Africa in Latin and Arabic script,
/// with case notes, needs, households, enrolments (host placement and monthly attendance),
/// audit entries, income-generating activities, aid distributions and convention attributions.
/// Every file's records come from a random generator seeded by the file's index and are written
/// in the same transaction as the file, with the count of generated files in <c>BenchGenerated</c>:
/// a run stopped half-way resumes where it stopped and produces the same rows.
/// Rows go in as plain prepared INSERTs with explicit keys, parameters shaped by EF Core's own
/// type mappings (enums as text, Guids and dates as EF stores them), so the app reads them as its own.
/// </summary>
internal static class Generator
{
    private static readonly string[] Family = ["Diallo", "Traoré", "Koné", "Camara", "Ndiaye", "Diop", "Sow", "Bah", "Touré", "Keïta", "Coulibaly", "Sylla", "Cissé", "Fofana", "Sangaré", "Ouédraogo", "Mbaye", "Fall", "Kouassi", "Yao", "Nkemelu", "Okafor", "Mensah", "Tchamba", "Mbarga", "Nguema", "Kabila", "Mukendi", "Ilunga", "Sesay", "Kamara", "Conteh", "Jalloh", "Barry", "Sidibé", "Dembélé", "Konaté", "Doumbia", "Sanogo", "Diakité"];
    private static readonly string[] Given = ["Aïssatou", "Mamadou", "Fatoumata", "Ibrahima", "Mariama", "Ousmane", "Awa", "Moussa", "Kadiatou", "Abdoulaye", "Aminata", "Mohamed", "Mohammed", "Muhammad", "Seydou", "Binta", "Amadou", "Hawa", "Souleymane", "Ramatoulaye", "Cheikh", "Adama", "Oumou", "Boubacar", "Djeneba", "Lamine", "Khadija", "Yacouba", "Salimata", "Issa", "Grace", "Emmanuel", "Blessing", "Joseph", "Esther", "Patrick", "Chantal", "Jean", "Marie", "Christelle"];
    private static readonly string[] FamilyAr = ["ديالو", "تراوري", "كوني", "كامارا", "انجاي", "ديوب", "سو", "با", "توري", "كيتا"];
    private static readonly string[] GivenAr = ["عائشة", "مامادو", "فاطمة", "إبراهيم", "مريم", "عثمان", "حواء", "موسى", "خديجة", "محمد"];
    private static readonly string[] Nationalities = ["GN", "SN", "ML", "CI", "CM", "NG", "CD", "SL", "BF", "GM", "LR", "CG"];
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task<long> DoneAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS BenchGenerated (Id INTEGER PRIMARY KEY CHECK (Id = 1), Migrants INTEGER NOT NULL); SELECT COALESCE((SELECT Migrants FROM BenchGenerated), 0)";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task FillAsync(string path, int from, int to, GeneratorShape shape)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new SqliteAppDbContext(options);
        var refs = await References.LoadAsync(db);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
            await pragma.ExecuteNonQueryAsync();
        }
        var writers = new Writers(db, connection);
        const int batch = 10_000;
        for (var start = from; start < to; start += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            writers.Begin(transaction);
            await writers.LoadNextIdsAsync();
            var end = Math.Min(to, start + batch);
            for (var i = start; i < end; i++)
            {
                WriteFile(i, writers, refs, shape);
            }
            writers.Progress(end);
            await transaction.CommitAsync();
            Console.Write($"\r  {end:N0} / {to:N0}");
        }
        Console.WriteLine();
    }

    /// <summary>One file and everything hanging off it, from a generator seeded by its index.</summary>
    private static void WriteFile(int i, Writers w, References refs, GeneratorShape shape)
    {
        var random = new Random(i * 7919 + 2016);
        var region = random.NextDouble() < 0.3 ? refs.Rsk : refs.Regions[random.Next(refs.Regions.Length)];
        var arabic = random.NextDouble() < 0.3;
        var status = (AdministrativeStatus)random.Next(5);
        var m = new Migrant
        {
            Id = w.NextId<Migrant>(),
            FileNumber = $"{region.Code}-2019-{i:D7}",
            FamilyName = Family[random.Next(Family.Length)], GivenName = Given[random.Next(Given.Length)],
            FamilyNameArabic = arabic ? FamilyAr[random.Next(FamilyAr.Length)] : null,
            GivenNameArabic = arabic ? GivenAr[random.Next(GivenAr.Length)] : null,
            Sex = random.Next(2) == 0 ? Sex.Female : Sex.Male, BirthYear = 1970 + random.Next(38),
            NationalityId = refs.Countries[random.Next(refs.Countries.Length)], RegionId = region.Id, City = region.City,
            Phone = $"06{random.Next(10_000_000, 99_999_999)}", AdministrativeStatus = status,
            ResidenceCardNumber = status == AdministrativeStatus.Regularised ? $"RC{i:D8}" : null,
            RegularisationYear = status == AdministrativeStatus.Regularised ? 2014 + random.Next(4) : null,
            ResidenceCardExpiry = status == AdministrativeStatus.Regularised ? Today.AddDays(random.Next(-200, 900)) : null,
            UnhcrNumber = status == AdministrativeStatus.Refugee ? $"UNHCR{i:D8}" : null,
            ArrivalDate = Today.AddDays(-random.Next(60, 3000)),
            ConsentGiven = true, ConsentDate = new DateOnly(2026, 1, 1), ConsentScope = "Suivi social",
            CreatedAt = Created.AddMinutes(i % 400_000), CreatedBy = refs.SocialWorkerId, RegisteredById = refs.SocialWorkerId,
        };
        m.UpdateSearchKeys();
        w.Write(m);
        foreach (var t in m.NameTokens)
        {
            t.MigrantId = m.Id;
            w.Write(t);
        }
        w.Audit(m.CreatedAt, nameof(Migrant), m.Id, AuditAction.Created, refs);

        if (random.NextDouble() < shape.NoteShare)
        {
            for (var n = random.Next(1, 3); n > 0; n--)
            {
                w.Write(new CaseNote
                {
                    Id = w.NextId<CaseNote>(), MigrantId = m.Id, RegionId = region.Id, Kind = (CaseNoteKind)random.Next(5),
                    Date = Today.AddDays(-random.Next(1, 700)), Text = "Entretien de suivi : situation stable, besoin d'un accompagnement vers la formation.",
                    Confidential = random.NextDouble() < 0.1, AuthorId = refs.SocialWorkerId, CreatedAt = m.CreatedAt, CreatedBy = refs.SocialWorkerId,
                });
            }
        }
        if (random.NextDouble() < shape.NeedShare)
        {
            var need = new Need
            {
                Id = w.NextId<Need>(), MigrantId = m.Id, RegionId = region.Id, Kind = (NeedKind)random.Next(8),
                OpenedOn = Today.AddDays(-random.Next(1, 500)), CreatedAt = m.CreatedAt, CreatedBy = refs.SocialWorkerId,
            };
            need.SetStatus((NeedStatus)random.Next(4), need.OpenedOn.AddDays(10));
            w.Write(need);
        }
        if (random.NextDouble() < shape.HouseholdShare)
        {
            w.Write(new HouseholdMember
            {
                Id = w.NextId<HouseholdMember>(), MigrantId = m.Id, RegionId = region.Id, Name = Given[random.Next(Given.Length)],
                Age = random.Next(1, 17), Relationship = Relationship.Child, CreatedAt = m.CreatedAt,
            });
        }
        if (random.NextDouble() < shape.EnrolmentShare)
        {
            WriteEnrolment(m, random, w, refs);
        }
        if (random.NextDouble() < shape.ActivityShare)
        {
            WriteActivity(m, region, random, w, refs);
        }
        if (random.NextDouble() < shape.DistributionShare && refs.Sites.Length > 0)
        {
            WriteDistribution(m, random, w, refs);
        }
        for (var a = 1; a < shape.AuditPerMigrant; a++)
        {
            w.Audit(m.CreatedAt.AddDays(a), nameof(Migrant), m.Id, a % 2 == 1 ? AuditAction.Viewed : AuditAction.Updated, refs);
        }
    }

    private static void WriteEnrolment(Migrant m, Random random, Writers w, References refs)
    {
        // One enrolment in 500 at the Alkari centre (about 400 apprentices at 1M files: the director's centre), the rest anywhere.
        var offer = random.NextDouble() < 0.002 ? refs.AlkariOffer : refs.Offers[random.Next(refs.Offers.Length)];
        var year = 2023 + random.Next(4);
        var start = AcademicYear.FirstDay(year).AddDays(random.Next(0, 30));
        var e = Enrolment.Apply(m.Id, offer.Centre, offer.TradeId, offer.Track, year, start, Today);
        e.Id = w.NextId<Enrolment>();
        e.CreatedAt = m.CreatedAt;
        var roll = random.NextDouble();
        e.Accept(start);
        e.Activate(start);
        var end = e.ExpectedEndDate < Today ? e.ExpectedEndDate : Today;
        if (roll < 0.2 && end > start.AddMonths(2))
        {
            e.DropOut(start.AddMonths(random.Next(1, Math.Max(2, (end.DayNumber - start.DayNumber) / 31))), (DropoutReason)random.Next(7));
        }
        else if (e.ExpectedEndDate < Today)
        {
            e.Complete(e.ExpectedEndDate);
        }
        var last = e.DroppedOutOn ?? e.CompletedOn ?? Today;
        w.Write(e);
        if (refs.Attributions.TryGetValue(AttributedRecordKind.Enrolment, out var convention) && random.NextDouble() < 0.3)
        {
            w.Write(new ConventionAttribution { Id = w.NextId<ConventionAttribution>(), PartnerConventionId = convention, RecordKind = AttributedRecordKind.Enrolment, RecordId = e.Id });
        }
        if (refs.Hosts.TryGetValue(offer.Centre.RegionId, out var hosts) && hosts.Length > 0)
        {
            w.Write(new HostPlacement
            {
                Id = w.NextId<HostPlacement>(), EnrolmentId = e.Id, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId,
                HostProfessionalId = hosts[random.Next(hosts.Length)], StartDate = start.AddMonths(1), EndDate = e.DroppedOutOn ?? e.CompletedOn, CreatedAt = m.CreatedAt,
            });
        }
        var rate = 0.6 + random.NextDouble() * 0.4;
        for (var month = new DateOnly(start.Year, start.Month, 1); month <= last && month < Today; month = month.AddMonths(1))
        {
            var expected = month.Month is 8 ? 0 : 4;
            w.Write(new MonthlyAttendance
            {
                Id = w.NextId<MonthlyAttendance>(), EnrolmentId = e.Id, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId,
                Year = month.Year, Month = month.Month, CentreDaysExpected = expected, CentreDaysPresent = (int)(expected * rate),
                HostDaysExpected = expected * 4, HostDaysPresent = (int)(expected * 4 * rate), CreatedAt = m.CreatedAt,
            });
            rate = Math.Clamp(rate + (random.NextDouble() - 0.55) * 0.1, 0, 1);
        }
        w.Audit(m.CreatedAt, nameof(Enrolment), e.Id, AuditAction.Created, refs);
    }

    private static void WriteActivity(Migrant m, RegionRef region, Random random, Writers w, References refs)
    {
        var a = new IncomeActivity
        {
            Id = w.NextId<IncomeActivity>(), Name = "Atelier de couture", Sector = ActivitySector.Services, City = region.City, RegionId = region.Id,
            BusinessPlan = "Achat de deux machines, local partagé, vente au marché.", ExpectedMonthlyRevenue = 2500, GrantRequested = 15_000,
            ProposedOn = Today.AddDays(-random.Next(10, 600)), CreatedAt = m.CreatedAt, CreatedBy = refs.SocialWorkerId,
        };
        w.Write(a);
        w.Write(new ActivityMember { Id = w.NextId<ActivityMember>(), IncomeActivityId = a.Id, MigrantId = m.Id, RegionId = region.Id });
        if (refs.Attributions.TryGetValue(AttributedRecordKind.IncomeGeneratingActivity, out var convention))
        {
            w.Write(new ConventionAttribution { Id = w.NextId<ConventionAttribution>(), PartnerConventionId = convention, RecordKind = AttributedRecordKind.IncomeGeneratingActivity, RecordId = a.Id });
        }
    }

    private static void WriteDistribution(Migrant m, Random random, Writers w, References refs)
    {
        var site = refs.Sites[random.Next(refs.Sites.Length)];
        var d = new AidDistribution
        {
            Id = w.NextId<AidDistribution>(), Date = Today.AddDays(-random.Next(1, 700)), AidSiteId = site.Id, RegionId = site.RegionId,
            Kind = (AidKind)random.Next(6), PlannedQuantity = 100, ActualQuantity = 90 + random.Next(20), Unit = "kits", PlannedRecipients = 60,
            DistributedBy = "Équipe mobile", UnregisteredMen = random.Next(40), UnregisteredWomen = random.Next(20), CreatedAt = m.CreatedAt,
        };
        w.Write(d);
        w.Write(new AidRecipient { Id = w.NextId<AidRecipient>(), AidDistributionId = d.Id, MigrantId = m.Id, RegionId = site.RegionId });
        if (refs.Attributions.TryGetValue(AttributedRecordKind.AidDistribution, out var convention))
        {
            w.Write(new ConventionAttribution { Id = w.NextId<ConventionAttribution>(), PartnerConventionId = convention, RecordKind = AttributedRecordKind.AidDistribution, RecordId = d.Id });
        }
    }

    internal sealed record RegionRef(int Id, string Code, string City);
    internal sealed record OfferRef(TrainingCentre Centre, int TradeId, DiplomaTrack Track);

    private sealed class References
    {
        public RegionRef[] Regions = [];
        public RegionRef Rsk = null!;
        public int[] Countries = [];
        public OfferRef[] Offers = [];
        public OfferRef AlkariOffer = null!;
        public Dictionary<int, int[]> Hosts = [];
        public AidSite[] Sites = [];
        public Dictionary<AttributedRecordKind, int> Attributions = [];
        public string? SocialWorkerId;

        public static async Task<References> LoadAsync(SqliteAppDbContext db)
        {
            // A context without a user sees no scoped row: the bench reads them all, past the filters.
            var r = new References();
            var regions = await db.Regions.OrderBy(x => x.Id).Select(x => new { x.Id, x.Code, x.NameFr }).ToListAsync();
            var cities = await db.TrainingCentres.IgnoreQueryFilters().GroupBy(c => c.RegionId).Select(g => new { g.Key, City = g.Min(c => c.City) }).ToDictionaryAsync(x => x.Key, x => x.City);
            r.Regions = regions.Select(x => new RegionRef(x.Id, x.Code, cities.GetValueOrDefault(x.Id) ?? x.NameFr)).ToArray();
            r.Rsk = r.Regions.Single(x => x.Code == "RSK") with { City = "Rabat" };
            r.Countries = await db.Countries.Where(c => Nationalities.Contains(c.Code)).OrderBy(c => c.Id).Select(c => c.Id).ToArrayAsync();
            var tracks = await db.DiplomaTracks.OrderBy(t => t.Id).ToListAsync();
            var centres = await db.TrainingCentres.IgnoreQueryFilters().OrderBy(c => c.Id).ToDictionaryAsync(c => c.Id);
            var offers = await db.CentreTrades.OrderBy(c => c.TrainingCentreId).ThenBy(c => c.TradeId).Select(c => new { c.TrainingCentreId, c.TradeId }).ToListAsync();
            r.Offers = offers.Select((o, k) => new OfferRef(centres[o.TrainingCentreId], o.TradeId, tracks[k % tracks.Count])).ToArray();
            var alkari = await db.Users.Where(u => u.Email == "alkari.director@migrantaid.test").Select(u => u.TrainingCentreId).SingleAsync();
            r.AlkariOffer = r.Offers.First(o => o.Centre.Id == alkari);
            r.Hosts = (await db.HostProfessionals.IgnoreQueryFilters().Select(h => new { h.Id, h.RegionId }).ToListAsync())
                .GroupBy(h => h.RegionId).ToDictionary(g => g.Key, g => g.Select(h => h.Id).OrderBy(x => x).ToArray());
            r.Sites = await db.AidSites.IgnoreQueryFilters().OrderBy(s => s.Id).ToArrayAsync();
            var conventions = await db.PartnerConventions.IgnoreQueryFilters().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
            if (conventions.Count > 0)
            {
                r.Attributions[AttributedRecordKind.Enrolment] = conventions[0];
                r.Attributions[AttributedRecordKind.IncomeGeneratingActivity] = conventions[Math.Min(1, conventions.Count - 1)];
                r.Attributions[AttributedRecordKind.AidDistribution] = conventions[^1];
            }
            r.SocialWorkerId = await db.Users.Where(u => u.Email == "rabat.social@migrantaid.test").Select(u => u.Id).SingleOrDefaultAsync();
            return r;
        }
    }

    /// <summary>One prepared INSERT per table, parameters from EF's type mappings, keys handed out here.</summary>
    private sealed class Writers(DbContext db, SqliteConnection connection)
    {
        private readonly Dictionary<Type, Table> tables = [];
        private readonly Dictionary<Type, long> nextIds = [];
        private SqliteTransaction? transaction;
        private SqliteCommand? progress;

        public void Begin(SqliteTransaction tx)
        {
            transaction = tx;
            foreach (var t in tables.Values)
            {
                t.Command.Transaction = tx;
            }
        }

        public async Task LoadNextIdsAsync()
        {
            if (nextIds.Count > 0)
            {
                return;
            }
            foreach (var type in new[] { typeof(Migrant), typeof(CaseNote), typeof(Need), typeof(HouseholdMember), typeof(Enrolment), typeof(HostPlacement), typeof(MonthlyAttendance), typeof(AuditEntry), typeof(IncomeActivity), typeof(ActivityMember), typeof(AidDistribution), typeof(AidRecipient), typeof(ConventionAttribution) })
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"SELECT COALESCE(MAX(Id), 0) FROM \"{db.Model.FindEntityType(type)!.GetTableName()}\"";
                nextIds[type] = (long)(await command.ExecuteScalarAsync())! + 1;
            }
        }

        public int NextId<T>() => checked((int)nextIds[typeof(T)]++);

        public void Audit(DateTimeOffset at, string type, int id, AuditAction action, References refs) => Write(new AuditEntry
        {
            Id = nextIds[typeof(AuditEntry)]++, At = at, UserId = refs.SocialWorkerId, UserName = "rabat.social@migrantaid.test",
            RequestId = "bench", ClientAddress = "10.0.0.1", EntityType = type, EntityKey = id.ToString(CultureInfo.InvariantCulture), Action = action,
            Changes = action == AuditAction.Updated ? """{"Phone":["0600000000","0611111111"]}""" : null,
        });

        public void Progress(int done)
        {
            progress ??= connection.CreateCommand();
            progress.Transaction = transaction;
            progress.CommandText = $"INSERT INTO BenchGenerated (Id, Migrants) VALUES (1, {done}) ON CONFLICT (Id) DO UPDATE SET Migrants = excluded.Migrants";
            progress.ExecuteNonQuery();
        }

        public void Write<T>(T entity) where T : class
        {
            if (!tables.TryGetValue(typeof(T), out var table))
            {
                table = new Table(db.Model.FindEntityType(typeof(T))!, connection);
                table.Command.Transaction = transaction;
                tables[typeof(T)] = table;
            }
            table.Write(entity);
        }
    }

    private sealed class Table
    {
        private readonly List<(IProperty Property, SqliteParameter Parameter, Func<object?, object?> Convert)> columns = [];
        public SqliteCommand Command { get; }

        public Table(IEntityType type, SqliteConnection connection)
        {
            Command = connection.CreateCommand();
            var properties = type.GetProperties().ToList();
            Command.CommandText = $"INSERT INTO \"{type.GetTableName()}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) VALUES ({string.Join(", ", properties.Select((_, k) => $"$p{k}"))})";
            for (var k = 0; k < properties.Count; k++)
            {
                var mapping = (RelationalTypeMapping)properties[k].GetTypeMapping();
                // A parameter configured once by the mapping (its SQLite type); each row only sets the provider value.
                var parameter = (SqliteParameter)mapping.CreateParameter(Command, $"$p{k}", null, nullable: true);
                Command.Parameters.Add(parameter);
                var converter = mapping.Converter;
                columns.Add((properties[k], parameter, converter is not null ? v => v is null ? null : converter.ConvertToProvider(v)
                    : (Nullable.GetUnderlyingType(properties[k].ClrType) ?? properties[k].ClrType) == typeof(Guid) ? v => v is Guid g ? g.ToString().ToUpperInvariant() : null
                    : (Nullable.GetUnderlyingType(properties[k].ClrType) ?? properties[k].ClrType).IsEnum ? v => v is null ? null : System.Convert.ToInt64(v, CultureInfo.InvariantCulture)
                    : v => v));
            }
            Command.Prepare();
        }

        public void Write(object entity)
        {
            foreach (var (property, parameter, convert) in columns)
            {
                var value = property.IsShadowProperty() ? null : property.GetGetter().GetClrValue(entity);
                parameter.Value = convert(value) ?? DBNull.Value;
            }
            Command.ExecuteNonQuery();
        }
    }
}
