using System.Globalization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Seed;

/// <summary>One generated person, before it becomes a <see cref="Migrant"/> (plain values, so determinism is testable).</summary>
public sealed record DemoPerson(
    int Index, string RegionCode, string City, string NationalityCode, string FamilyName, string GivenName,
    string? FamilyNameArabic, string? GivenNameArabic, Sex Sex, int BirthYear, DateOnly? BirthDate, DateOnly ArrivalDate,
    DateOnly RegisteredOn, AdministrativeStatus Status, int? RegularisationYear, string? ResidenceCard, DateOnly? ResidenceCardExpiry,
    string? UnhcrNumber, EducationLevel Education, string Languages, string? Skills, Vulnerability Vulnerabilities, string Phone,
    IReadOnlyList<DemoNote> Notes, IReadOnlyList<DemoNeed> Needs, IReadOnlyList<DemoDependant> Household,
    IReadOnlyDictionary<FunctioningDomain, FunctioningDifficulty>? Functioning = null);

public sealed record DemoNote(CaseNoteKind Kind, DateOnly Date, string Text, bool Confidential);

public sealed record DemoNeed(NeedKind Kind, NeedStatus Status, DateOnly OpenedOn, DateOnly? ReferredOn, DateOnly? ClosedOn, string? ReferredTo);

public sealed record DemoDependant(string Name, int Age, Relationship Relationship);

/// <summary>
/// The people of the demo, generated from a seed and an index only: person <c>i</c> of seed
/// <c>s</c> is always the same, whatever was generated before (so a larger demo extends a
/// smaller one). Names from West and Central Africa, some also written in Arabic script;
/// most people in the four regions the article and the field name (Rabat, Casablanca,
/// Tanger, the Oriental).
/// </summary>
public static class DemoPeople
{
    private static readonly (string Code, int Weight, string[] Cities)[] Regions =
    [
        ("RSK", 32, ["Rabat", "Rabat", "Salé", "Témara", "Kénitra"]),
        ("CS", 22, ["Casablanca", "Casablanca", "Mohammedia"]),
        ("TTA", 18, ["Tanger", "Tanger", "Tétouan"]),
        ("ORI", 14, ["Oujda", "Nador", "Berkane"]),
        ("FM", 5, ["Fès", "Meknès"]),
        ("MS", 4, ["Marrakech"]),
        ("SM", 3, ["Agadir"]),
        ("BMK", 1, ["Béni Mellal"]),
        ("DT", 1, ["Errachidia"]),
    ];

    // Nationalities and the naming tradition their names are drawn from.
    private static readonly (string Code, int Weight, NamePool Pool)[] Nationalities =
    [
        ("GN", 15, NamePool.West), ("SN", 12, NamePool.West), ("CI", 14, NamePool.West), ("ML", 12, NamePool.West),
        ("CM", 12, NamePool.Central), ("CD", 6, NamePool.Central), ("CG", 4, NamePool.Central), ("NG", 6, NamePool.Anglophone),
        ("GM", 2, NamePool.West), ("SL", 2, NamePool.Anglophone), ("BF", 3, NamePool.West), ("NE", 2, NamePool.West),
        ("TD", 2, NamePool.Central), ("SD", 3, NamePool.Sudanese), ("GH", 2, NamePool.Anglophone), ("LR", 2, NamePool.Anglophone),
        ("GA", 1, NamePool.Central), ("CF", 2, NamePool.Central),
    ];

    private enum NamePool { West, Central, Anglophone, Sudanese }

    private static readonly string[] WestFamily = ["Diallo", "Traoré", "Coulibaly", "Koné", "Camara", "Touré", "Sow", "Bah", "Barry", "Cissé", "Keita", "Diop", "Ndiaye", "Fall", "Sarr", "Sylla", "Kouyaté", "Konaté", "Ouattara", "Sanogo", "Diakité", "Doumbia", "Bamba", "Kaboré", "Ouédraogo", "Baldé", "Condé", "Soumah", "Fofana", "Dembélé"];
    private static readonly string[] CentralFamily = ["Mbala", "Tshibanda", "Ilunga", "Mukendi", "Kabongo", "Ngoma", "Mbemba", "Moukoko", "Essomba", "Fotso", "Tchakounté", "Nguema", "Obiang", "Ondo", "Mbarga", "Atangana", "Kamga", "Nkounkou", "Malonga", "Mahamat", "Djimet", "Yangambi", "Bokassa", "Mabiala"];
    private static readonly string[] AnglophoneFamily = ["Okafor", "Eze", "Adeyemi", "Okonkwo", "Mensah", "Owusu", "Boateng", "Kamara", "Bangura", "Conteh", "Johnson", "Sesay", "Kollie", "Doe", "Nwosu", "Afolabi"];
    private static readonly string[] WestMale = ["Mamadou", "Ibrahima", "Moussa", "Abdoulaye", "Ousmane", "Amadou", "Seydou", "Souleymane", "Boubacar", "Lamine", "Yaya", "Issa", "Alpha", "Sékou", "Modibo", "Cheikh", "Oumar", "Adama"];
    private static readonly string[] WestFemale = ["Aminata", "Fatoumata", "Mariama", "Aïssatou", "Kadiatou", "Hawa", "Awa", "Fanta", "Rokia", "Djeneba", "Oumou", "Salimata", "Ramatoulaye", "Adama"];
    private static readonly string[] CentralMale = ["Jean-Pierre", "Patrice", "Serge", "Christian", "Junior", "Didier", "Arsène", "Blaise", "Hervé", "Landry", "Fabrice", "Rodrigue", "Cédric", "Guy-Roger"];
    private static readonly string[] CentralFemale = ["Grâce", "Esther", "Chantal", "Mireille", "Divine", "Nadège", "Clarisse", "Ange", "Prisca", "Sandrine", "Gisèle", "Merveille"];
    private static readonly string[] AnglophoneMale = ["Chinedu", "Emeka", "Kwame", "Kofi", "Samuel", "Emmanuel", "Joseph", "Musa", "Ibrahim", "Daniel", "Prince", "Godwin"];
    private static readonly string[] AnglophoneFemale = ["Blessing", "Joy", "Precious", "Mercy", "Abena", "Akosua", "Favour", "Comfort", "Esther", "Ngozi"];
    private static readonly string[] SudaneseFamily = ["Adam", "Abdallah", "Ibrahim", "Mohamed", "Ahmed", "Yagoub", "Ishag", "Hamid"];
    private static readonly string[] SudaneseMale = ["Mohamed", "Ahmed", "Osman", "Yousif", "Abakar", "Hassan", "Omer", "Khalid"];
    private static readonly string[] SudaneseFemale = ["Fatima", "Amna", "Hawa", "Mariam", "Zahra", "Khadija"];

    /// <summary>How these names are written in Arabic script (the ones people from the region often give too).</summary>
    private static readonly Dictionary<string, string> Arabic = new(StringComparer.Ordinal)
    {
        ["Diallo"] = "ديالو", ["Traoré"] = "تراوري", ["Coulibaly"] = "كوليبالي", ["Koné"] = "كوني", ["Camara"] = "كامارا",
        ["Touré"] = "توري", ["Sow"] = "سو", ["Bah"] = "باه", ["Barry"] = "باري", ["Cissé"] = "سيسي", ["Keita"] = "كيتا",
        ["Diop"] = "ديوب", ["Ndiaye"] = "نداي", ["Fall"] = "فال", ["Sylla"] = "سيلا", ["Fofana"] = "فوفانا", ["Condé"] = "كوندي",
        ["Mamadou"] = "مامادو", ["Ibrahima"] = "إبراهيما", ["Moussa"] = "موسى", ["Abdoulaye"] = "عبد الله", ["Ousmane"] = "عثمان",
        ["Amadou"] = "أمادو", ["Souleymane"] = "سليمان", ["Boubacar"] = "أبو بكر", ["Issa"] = "عيسى", ["Oumar"] = "عمر",
        ["Cheikh"] = "الشيخ", ["Aminata"] = "أميناتا", ["Fatoumata"] = "فاطمة", ["Mariama"] = "مريم", ["Aïssatou"] = "عائشة",
        ["Kadiatou"] = "خديجة", ["Hawa"] = "حواء", ["Awa"] = "عوا", ["Adama"] = "آدم", ["Mahamat"] = "محمد",
        ["Adam"] = "آدم", ["Abdallah"] = "عبد الله", ["Ibrahim"] = "إبراهيم", ["Mohamed"] = "محمد", ["Ahmed"] = "أحمد",
        ["Yagoub"] = "يعقوب", ["Ishag"] = "إسحاق", ["Hamid"] = "حامد", ["Osman"] = "عثمان", ["Yousif"] = "يوسف",
        ["Abakar"] = "أبكر", ["Hassan"] = "حسن", ["Omer"] = "عمر", ["Khalid"] = "خالد", ["Fatima"] = "فاطمة",
        ["Amna"] = "آمنة", ["Mariam"] = "مريم", ["Zahra"] = "زهراء", ["Khadija"] = "خديجة", ["Musa"] = "موسى",
    };

    private static readonly string[] NoteTexts =
    [
        "Premier entretien : parcours migratoire, besoins immédiats et attentes de formation.",
        "Visite au lieu de vie : logement partagé à plusieurs, conditions précaires.",
        "Appel de suivi : la personne cherche un travail et souhaite apprendre un métier.",
        "Évaluation sociale : pas de revenu régulier, vit de petits travaux informels.",
        "Entretien : intéressée par la coiffure, orientée vers le centre de formation le plus proche.",
        "Visite de site : distribution de couvertures et de kits d'hygiène, situation stable.",
        "Appel : rendez-vous pris au bureau du HCR pour le dossier de demande d'asile.",
        "Entretien : souhaite régulariser sa situation, pièces à réunir expliquées.",
    ];

    private static readonly string[] ConfidentialTexts =
    [
        "Signale des violences subies pendant le trajet ; orientée vers l'accompagnement psychologique.",
        "Problème de santé chronique évoqué ; suivi médical à organiser avec l'association partenaire.",
    ];

    private static readonly string[] ReferredTo =
    ["Hôpital Ibn Sina", "HCR Rabat", "Association partenaire (accueil)", "Fondation Orient-Occident", "Caritas", "Clinique juridique", "Centre de santé du quartier"];

    private static readonly string[] Skills = ["Maçonnerie", "Couture", "Mécanique", "Cuisine", "Commerce", "Coiffure", "Électricité", "Agriculture", "Peinture en bâtiment", "Soudure"];

    /// <param name="registeredBy">The latest registration date (people of an older story), or today.</param>
    public static DemoPerson Generate(int seed, int index, DateOnly today, string? regionCode = null, DateOnly? registeredBy = null)
    {
        // Not HashCode.Combine: it is randomised per process, and person i must be the same in every run.
        var r = new Random(unchecked((seed * 1_000_003) + (index * 7919)) & int.MaxValue);
        var region = regionCode is null ? Pick(r, Regions, x => x.Weight) : Regions.First(x => x.Code == regionCode);
        var nationality = Pick(r, Nationalities, x => x.Weight);
        var sex = r.NextDouble() < 0.64 ? Sex.Male : Sex.Female;
        var (family, given) = nationality.Pool switch
        {
            NamePool.West => (Of(r, WestFamily), Of(r, sex == Sex.Male ? WestMale : WestFemale)),
            NamePool.Central => (Of(r, CentralFamily), Of(r, sex == Sex.Male ? CentralMale : CentralFemale)),
            NamePool.Anglophone => (Of(r, AnglophoneFamily), Of(r, sex == Sex.Male ? AnglophoneMale : AnglophoneFemale)),
            _ => (Of(r, SudaneseFamily), Of(r, sex == Sex.Male ? SudaneseMale : SudaneseFemale)),
        };
        // Sudanese people write their names in Arabic; many of the others give them too.
        var writesArabic = nationality.Pool == NamePool.Sudanese || r.NextDouble() < 0.45;
        string? familyAr = null, givenAr = null;
        if (writesArabic && Arabic.TryGetValue(family, out var fa) && Arabic.TryGetValue(given, out var ga))
        {
            (familyAr, givenAr) = (fa, ga);
        }

        // Registered between 2014 (the first regularisation campaign) and today, more in recent years.
        var first = new DateOnly(2014, 1, 2).DayNumber;
        var last = registeredBy ?? today;
        var span = last.DayNumber - first;
        var registered = DateOnly.FromDayNumber(first + (int)(span * Math.Sqrt(r.NextDouble())));
        var arrival = registered.AddDays(-r.Next(20, 1500));
        var minor = r.NextDouble() < 0.04;
        var birthYear = minor ? today.Year - r.Next(15, 18) : r.Next(1982, today.Year - 18);
        DateOnly? birthDate = r.NextDouble() < 0.6 ? new DateOnly(birthYear, r.Next(1, 13), r.Next(1, 29)) : null;

        var status = PickStatus(r, registered);
        int? campaign = null;
        string? card = null, unhcr = null;
        DateOnly? expiry = null;
        switch (status)
        {
            case AdministrativeStatus.Regularised:
                campaign = registered.Year < 2017 || r.NextDouble() < 0.4 ? 2014 : 2017;
                card = string.Create(CultureInfo.InvariantCulture, $"CS{seed % 100:D2}{index:D7}");
                // Cards are renewed: most expire in the coming year or two, some within 60 days.
                expiry = r.NextDouble() < 0.08 ? today.AddDays(r.Next(1, 60)) : today.AddDays(r.Next(61, 900));
                break;
            case AdministrativeStatus.Refugee or AdministrativeStatus.AsylumSeeker:
                unhcr = string.Create(CultureInfo.InvariantCulture, $"354{registered.Year % 100:D2}C{seed % 100:D2}{index:D6}");
                break;
        }

        var vulnerabilities = Vulnerability.None;
        if (minor) vulnerabilities |= Vulnerability.UnaccompaniedMinor;
        if (sex == Sex.Female && r.NextDouble() < 0.18) vulnerabilities |= Vulnerability.SingleParent;
        if (sex == Sex.Female && !minor && r.NextDouble() < 0.06) vulnerabilities |= Vulnerability.Pregnancy;
        // Washington Group: most files have the six answers; about 3 % have a disability (a lot of difficulty or cannot do).
        var disabled = r.NextDouble() < 0.03;
        var functioning = new Dictionary<FunctioningDomain, FunctioningDifficulty>();
        if (index % 4 != 0)
        {
            foreach (var domain in Enum.GetValues<FunctioningDomain>())
            {
                functioning[domain] = (index + (int)domain) % 9 == 0 ? FunctioningDifficulty.SomeDifficulty : FunctioningDifficulty.NoDifficulty;
            }
        }
        if (disabled)
        {
            functioning[(FunctioningDomain)(index % 6)] = index % 5 == 0 ? FunctioningDifficulty.CannotDoAtAll : FunctioningDifficulty.ALotOfDifficulty;
        }
        if (r.NextDouble() < 0.05) vulnerabilities |= Vulnerability.ChronicIllness;
        if (r.NextDouble() < 0.12) vulnerabilities |= Vulnerability.Homeless;
        if (r.NextDouble() < 0.05) vulnerabilities |= Vulnerability.VictimOfViolence;

        var notes = new List<DemoNote>();
        for (var n = r.Next(0, 4); n > 0; n--)
        {
            var date = Between(r, registered, today);
            var confidential = r.NextDouble() < 0.12;
            notes.Add(new DemoNote((CaseNoteKind)r.Next(0, 5), date, confidential ? Of(r, ConfidentialTexts) : Of(r, NoteTexts), confidential));
        }
        var needs = new List<DemoNeed>();
        for (var n = r.NextDouble() < 0.45 ? r.Next(1, 3) : 0; n > 0; n--)
        {
            var kind = Pick(r, [(NeedKind.Health, 22), (NeedKind.Legal, 14), (NeedKind.Unhcr, 8), (NeedKind.Education, 10), (NeedKind.Housing, 16), (NeedKind.PartnerNgo, 8), (NeedKind.Income, 18), (NeedKind.Other, 4)], x => x.Item2).Item1;
            var opened = Between(r, registered, today);
            var age = today.DayNumber - opened.DayNumber;
            // Old needs are mostly closed; recent ones still open or referred.
            var statusRoll = r.NextDouble();
            var needStatus = age > 120
                ? statusRoll < 0.7 ? NeedStatus.Done : statusRoll < 0.8 ? NeedStatus.Refused : statusRoll < 0.9 ? NeedStatus.Referred : NeedStatus.Open
                : statusRoll < 0.45 ? NeedStatus.Open : statusRoll < 0.85 ? NeedStatus.Referred : NeedStatus.Done;
            var referredOn = needStatus == NeedStatus.Open ? (DateOnly?)null : Min(opened.AddDays(r.Next(1, 20)), today);
            var closedOn = needStatus is NeedStatus.Done or NeedStatus.Refused ? Min(referredOn!.Value.AddDays(r.Next(5, 90)), today) : (DateOnly?)null;
            needs.Add(new DemoNeed(kind, needStatus, opened, referredOn, closedOn, needStatus == NeedStatus.Open ? null : Of(r, ReferredTo)));
        }
        var household = new List<DemoDependant>();
        if (!minor && r.NextDouble() < 0.22)
        {
            if (r.NextDouble() < 0.4)
            {
                household.Add(new DemoDependant(Of(r, sex == Sex.Male ? WestFemale : WestMale) + " " + family, today.Year - birthYear + r.Next(-4, 4), Relationship.Spouse));
            }
            for (var c = r.Next(1, 4); c > 0; c--)
            {
                household.Add(new DemoDependant(Of(r, r.Next(2) == 0 ? WestFemale : WestMale) + " " + family, r.Next(0, 14), Relationship.Child));
            }
        }

        var languages = nationality.Pool switch
        {
            NamePool.West => "Français, " + Of(r, ["Bambara", "Peul", "Wolof", "Soussou", "Malinké", "Dioula"]),
            NamePool.Central => "Français, " + Of(r, ["Lingala", "Ewondo", "Swahili", "Sango", "Arabe tchadien"]),
            NamePool.Anglophone => "Anglais, " + Of(r, ["Igbo", "Yoruba", "Haoussa", "Twi", "Krio"]),
            _ => "Arabe",
        };
        var phone = string.Create(CultureInfo.InvariantCulture, $"06{r.Next(10_000_000, 99_999_999)}");
        return new DemoPerson(index, region.Code, Of(r, region.Cities), nationality.Code, family, given, familyAr, givenAr, sex,
            birthYear, birthDate, arrival, registered, status, campaign, card, expiry, unhcr,
            (EducationLevel)r.Next(1, 6), languages, r.NextDouble() < 0.5 ? Of(r, Skills) : null, vulnerabilities, phone,
            notes.OrderBy(n => n.Date).ToList(), needs.OrderBy(n => n.OpenedOn).ToList(), household, functioning);
    }

    private static AdministrativeStatus PickStatus(Random r, DateOnly registered)
    {
        var roll = r.NextDouble();
        // The regularisation campaigns (2014, 2017) concern those who were there at the time.
        return roll switch
        {
            < 0.42 when registered.Year <= 2019 => AdministrativeStatus.Regularised,
            < 0.25 => AdministrativeStatus.Regularised,
            < 0.55 => AdministrativeStatus.Irregular,
            < 0.70 => AdministrativeStatus.AsylumSeeker,
            < 0.82 => AdministrativeStatus.Refugee,
            _ => AdministrativeStatus.Unknown,
        };
    }

    /// <summary>Turns a generated person into a file, through the same search keys as the registration form.</summary>
    public static Migrant ToMigrant(DemoPerson p, int regionId, int nationalityId, string? socialWorkerId)
    {
        ArgumentNullException.ThrowIfNull(p);
        var m = new Migrant
        {
            FamilyName = p.FamilyName, GivenName = p.GivenName, FamilyNameArabic = p.FamilyNameArabic, GivenNameArabic = p.GivenNameArabic,
            Sex = p.Sex, BirthDate = p.BirthDate, BirthYear = p.BirthDate?.Year ?? p.BirthYear, NationalityId = nationalityId,
            Languages = p.Languages, Phone = p.Phone, RegionId = regionId, City = p.City, ArrivalDate = p.ArrivalDate,
            AdministrativeStatus = p.Status, RegularisationYear = p.RegularisationYear,
            ResidenceCardNumber = Migrant.NormalizeDocumentNumber(p.ResidenceCard), ResidenceCardExpiry = p.ResidenceCardExpiry,
            UnhcrNumber = Migrant.NormalizeDocumentNumber(p.UnhcrNumber), EducationLevel = p.Education, Skills = p.Skills,
            Vulnerabilities = p.Vulnerabilities, ConsentGiven = true, ConsentScope = "Suivi social, formation et aide",
            ConsentDate = p.RegisteredOn, ConsentRecordedById = socialWorkerId, RegisteredById = socialWorkerId,
        };
        foreach (var (domain, answer) in p.Functioning ?? new Dictionary<FunctioningDomain, FunctioningDifficulty>())
        {
            m.SetFunctioning(domain, answer);
        }
        m.Household.AddRange(p.Household.Select(h => new HouseholdMember { RegionId = regionId, Name = h.Name, Age = h.Age, Relationship = h.Relationship }));
        m.UpdateSearchKeys();
        return m;
    }

    internal static T Pick<T>(Random r, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var total = items.Sum(weight);
        var roll = r.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0) return item;
        }
        return items[^1];
    }

    internal static string Of(Random r, IReadOnlyList<string> items) => items[r.Next(items.Count)];

    private static DateOnly Between(Random r, DateOnly from, DateOnly to) =>
        to <= from ? from : DateOnly.FromDayNumber(from.DayNumber + r.Next(0, to.DayNumber - from.DayNumber + 1));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
