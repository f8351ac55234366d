using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Localization;
using MigrantAid.Web.Infrastructure.Tabular;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// The registry's files as a table, one place for the import, the export and the template:
/// headers in the user's language (any of the three, or the form's field names, accepted on
/// import), values as the UI shows them (accepted in any of the three languages, and by code).
/// An export therefore re-imports without edits.
/// </summary>
public sealed class MigrantTable
{
    public const string DateFormat = "dd/MM/yyyy";

    private readonly IStringLocalizer l;
    private readonly Vocabulary<string> columns = new();
    private readonly Dictionary<int, string> regionNames;
    private readonly Dictionary<int, (string Code, string Name)> countryNames;

    public Vocabulary<Sex> Sexes { get; }
    public Vocabulary<bool> YesNo { get; }
    public Vocabulary<AdministrativeStatus> Statuses { get; }
    public Vocabulary<EducationLevel> Education { get; }
    public Vocabulary<Vulnerability> Vulnerabilities { get; }
    public Vocabulary<FunctioningDifficulty> Difficulties { get; }
    public Vocabulary<ConsentMethod> ConsentMethods { get; }
    public Vocabulary<int> Regions { get; } = new();
    public Vocabulary<string> Countries { get; } = new();

    private MigrantTable(IStringLocalizer l, List<ReferenceRow> regions, List<ReferenceRow> countries)
    {
        this.l = l;
        var language = Cultures.Current;
        foreach (var c in AllColumns.Concat(ConsentColumns))
        {
            columns.Add(c, Header(c), Vocabularies.InAllLanguages(l, HeaderKey(c)).Append(c));
        }
        ConsentMethods = Vocabularies.ForEnum<ConsentMethod>(l, "ConsentMethod", m => m == ConsentMethod.SignedForm
            ? ["signé", "signée", "formulaire", "écrit", "écrite", "signed", "written", "موقعة", "استمارة", "كتابي", "كتابية"]
            : ["oral", "orale", "verbal", "verbale", "témoin", "witness", "شفهي", "شفهية", "شفوي"]);
        Sexes = Vocabularies.ForEnum<Sex>(l, "Sex", s => s == Sex.Female
            ? ["F", "féminin", "femme", "female", "woman", "أنثى", "انثى", "ا"]
            : ["M", "H", "masculin", "homme", "male", "man", "ذكر", "ذ"]);
        YesNo = Vocabularies.YesNo(l);
        Statuses = Vocabularies.ForEnum<AdministrativeStatus>(l, "AdministrativeStatus", s => s switch
        {
            AdministrativeStatus.Regularised => ["régularisé", "régularisée", "regularized"],
            AdministrativeStatus.Refugee => ["réfugié", "réfugiée", "refugee", "لاجئ"],
            AdministrativeStatus.AsylumSeeker => ["demandeuse d'asile", "طالبة لجوء"],
            AdministrativeStatus.Irregular => ["irrégulier", "irrégulière"],
            _ => ["inconnu", "?"],
        });
        Education = Vocabularies.ForEnum<EducationLevel>(l, "EducationLevel", e => e switch
        {
            EducationLevel.None => ["aucun", "aucune", "none"],
            EducationLevel.Unknown => ["inconnue"],
            _ => [],
        });
        Vulnerabilities = Vocabularies.ForEnum<Vulnerability>(l, "Vulnerability", include: v => v != Vulnerability.None);
        // The Washington Group answers: their labels in the three languages, their names, the Group's codes 1 to 4
        // and the Group's own wording ("Yes, some difficulty").
        Difficulties = Vocabularies.ForEnum<FunctioningDifficulty>(l, "FunctioningDifficulty", d => d switch
        {
            FunctioningDifficulty.NoDifficulty => ["1", "No, no difficulty", "Non, aucune difficulté", "aucune", "none"],
            FunctioningDifficulty.SomeDifficulty => ["2", "Yes, some difficulty", "Oui, quelques difficultés", "quelques difficultés"],
            FunctioningDifficulty.ALotOfDifficulty => ["3", "Yes, a lot of difficulty", "Oui, beaucoup de difficultés", "beaucoup de difficultés"],
            _ => ["4", "Cannot do at all"],
        });
        regionNames = regions.ToDictionary(r => r.Id, r => r.Name(language));
        foreach (var r in regions)
        {
            Regions.Add(r.Id, r.Name(language), [r.Code, r.NameFr, r.NameAr, r.NameEn, r.Id.ToString(CultureInfo.InvariantCulture)]);
        }
        countryNames = countries.ToDictionary(c => c.Id, c => (c.Code, c.Name(language)));
        foreach (var c in countries)
        {
            Countries.Add(c.Code, c.Name(language), [c.Code, c.Alpha3, c.NameFr, c.NameAr, c.NameEn]);
        }
    }

    private sealed record ReferenceRow(int Id, string Code, string Alpha3, string NameFr, string NameAr, string NameEn)
    {
        public string Name(string language) => language switch
        {
            "ar" when NameAr.Length > 0 => NameAr,
            "en" when NameEn.Length > 0 => NameEn,
            _ => NameFr,
        };
    }

    public static async Task<MigrantTable> LoadAsync(AppDbContext db, IStringLocalizer l, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code)
            .Select(r => new ReferenceRow(r.Id, r.Code, "", r.NameFr, r.NameAr, r.NameEn)).ToListAsync(ct);
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.NameFr)
            .Select(c => new ReferenceRow(c.Id, c.Code, c.Alpha3, c.NameFr, c.NameAr, c.NameEn)).ToListAsync(ct);
        return new MigrantTable(l, regions, countries);
    }

    // ---- columns ----

    public static readonly string[] AllColumns = [MigrantColumns.FileNumber, .. MigrantColumns.Public, .. MigrantColumns.Sensitive];

    private static string HeaderKey(string column) =>
        column == MigrantColumns.FileNumber ? "Migrants.FileNumber"
        : ConsentColumns.Contains(column) ? "Import.Column." + column
        : "Migrants.Field." + column;

    /// <summary>
    /// Import-only columns (optional, in the template): the consents the file records, per purpose
    /// that makes sense for a registry file (case management, contact by phone, reporting), each
    /// with the date and the way it was given. Recorded as consents per purpose (Features/Privacy).
    /// </summary>
    public static readonly (ConsentPurpose Purpose, string Date, string Method)[] ConsentPurposeColumns =
    [
        (ConsentPurpose.CaseManagement, "ConsentCaseManagementDate", "ConsentCaseManagementMethod"),
        (ConsentPurpose.PhoneContact, "ConsentPhoneContactDate", "ConsentPhoneContactMethod"),
        (ConsentPurpose.ConventionReporting, "ConsentConventionReportingDate", "ConsentConventionReportingMethod"),
    ];

    public static readonly string[] ConsentColumns = [.. ConsentPurposeColumns.SelectMany(c => new[] { c.Date, c.Method })];

    /// <summary>
    /// The consents of a row: the case-management purpose whenever the row says consent was
    /// collected (dated today and by signed form unless the row says otherwise, as the
    /// registration form records it), the other purposes when their date or way is given.
    /// </summary>
    public List<ImportConsent> ParseConsents(TabularRow row, Dictionary<string, int> map, bool consentGiven, DateOnly today, List<string> messages)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(messages);
        string? S(string column) => map.TryGetValue(column, out var i) ? row[i] : null;
        var list = new List<ImportConsent>();
        foreach (var (purpose, dateColumn, methodColumn) in ConsentPurposeColumns)
        {
            var dateCell = S(dateColumn);
            var methodCell = S(methodColumn);
            if (dateCell is null && methodCell is null && !(purpose == ConsentPurpose.CaseManagement && consentGiven))
            {
                continue;
            }
            DateOnly? date = null;
            if (dateCell is not null)
            {
                if (!Vocabularies.TryParseDate(dateCell, out var d))
                {
                    messages.Add(l["Import.DateInvalid", Header(dateColumn), dateCell]);
                    continue;
                }
                if (d > today)
                {
                    messages.Add(l["Import.ConsentDateFuture", Header(dateColumn), dateCell]);
                    continue;
                }
                date = d;
            }
            ConsentMethod? method = null;
            if (methodCell is not null)
            {
                if (!ConsentMethods.TryGet(methodCell, out var m))
                {
                    messages.Add(l["Import.NotAccepted", Header(methodColumn), methodCell, ConsentMethods.Accepted]);
                    continue;
                }
                method = m;
            }
            list.Add(new ImportConsent(purpose, date ?? today, method ?? ConsentMethod.SignedForm));
        }
        return list;
    }

    /// <summary>The column's header in the user's language.</summary>
    public string Header(string column) => l[HeaderKey(column)];

    public IEnumerable<string> Columns(bool sensitive, bool fileNumber = true) =>
        (fileNumber ? [MigrantColumns.FileNumber] : Array.Empty<string>()).Concat(MigrantColumns.Public).Concat(sensitive ? MigrantColumns.Sensitive : []);

    /// <summary>Column name → index in the file, for the headers this table knows (in any language).</summary>
    public Dictionary<string, int> MapHeaders(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            if (columns.TryGet(headers[i], out var column))
            {
                map.TryAdd(column, i);
            }
        }
        return map;
    }

    // ---- reading a row ----

    /// <summary>
    /// The form a row fills, with one message per problem (the accepted values listed). The
    /// properties whose value was refused are returned so the form's own "required" message
    /// is not said a second time.
    /// </summary>
    public MigrantForm Parse(TabularRow row, Dictionary<string, int> map, int? defaultRegion, List<string> messages, HashSet<string> refused)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(refused);
        string? S(string column) => map.TryGetValue(column, out var i) ? row[i] : null;
        string Field(string column) => l["Migrants.Field." + column];
        void Refuse(string column, string message)
        {
            refused.Add(column);
            messages.Add(message);
        }
        T? Choice<T>(string column, Vocabulary<T> vocabulary) where T : struct
        {
            if (S(column) is not { } s) return null;
            if (vocabulary.TryGet(s, out var v)) return v;
            Refuse(column, l["Import.NotAccepted", Field(column), s, vocabulary.Accepted]);
            return null;
        }
        int? Number(string column)
        {
            if (S(column) is not { } s) return null;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e9) return (int)d;
            Refuse(column, l["Import.NumberInvalid", Field(column), s]);
            return null;
        }
        DateOnly? Date(string column)
        {
            if (S(column) is not { } s) return null;
            if (Vocabularies.TryParseDate(s, out var d)) return d;
            Refuse(column, l["Import.DateInvalid", Field(column), s]);
            return null;
        }
        string? nationality = null;
        if (S(nameof(MigrantForm.NationalityCode)) is { } n)
        {
            if (Countries.TryGet(n, out var code)) nationality = code;
            else Refuse(nameof(MigrantForm.NationalityCode), l["Import.NationalityNotAccepted", Field(nameof(MigrantForm.NationalityCode)), n]);
        }
        int? region = defaultRegion;
        if (S(nameof(MigrantForm.RegionId)) is { } r)
        {
            region = Regions.TryGet(r, out var id) ? id : null;
            if (region is null) Refuse(nameof(MigrantForm.RegionId), l["Import.NotAccepted", Field(nameof(MigrantForm.RegionId)), r, Regions.Accepted]);
        }
        var consent = S(nameof(MigrantForm.ConsentGiven)) is { } c ? Choice(nameof(MigrantForm.ConsentGiven), YesNo) : null;
        return new MigrantForm
        {
            FamilyName = S(nameof(MigrantForm.FamilyName)), GivenName = S(nameof(MigrantForm.GivenName)),
            FamilyNameArabic = S(nameof(MigrantForm.FamilyNameArabic)), GivenNameArabic = S(nameof(MigrantForm.GivenNameArabic)),
            Sex = Choice(nameof(MigrantForm.Sex), Sexes), BirthDate = Date(nameof(MigrantForm.BirthDate)), BirthYear = Number(nameof(MigrantForm.BirthYear)),
            NationalityCode = nationality, Languages = S(nameof(MigrantForm.Languages)), Phone = S(nameof(MigrantForm.Phone)),
            RegionId = region, City = S(nameof(MigrantForm.City)), Address = S(nameof(MigrantForm.Address)), ArrivalDate = Date(nameof(MigrantForm.ArrivalDate)),
            AdministrativeStatus = Choice(nameof(MigrantForm.AdministrativeStatus), Statuses),
            RegularisationYear = Number(nameof(MigrantForm.RegularisationYear)), ResidenceCardNumber = S(nameof(MigrantForm.ResidenceCardNumber)),
            ResidenceCardExpiry = Date(nameof(MigrantForm.ResidenceCardExpiry)), UnhcrNumber = S(nameof(MigrantForm.UnhcrNumber)),
            EducationLevel = Choice(nameof(MigrantForm.EducationLevel), Education), Skills = S(nameof(MigrantForm.Skills)),
            Vulnerabilities = ParseVulnerabilities(S(nameof(MigrantForm.Vulnerabilities)), messages, refused),
            WgSeeing = Choice(nameof(MigrantForm.WgSeeing), Difficulties), WgHearing = Choice(nameof(MigrantForm.WgHearing), Difficulties),
            WgWalking = Choice(nameof(MigrantForm.WgWalking), Difficulties), WgRemembering = Choice(nameof(MigrantForm.WgRemembering), Difficulties),
            WgSelfCare = Choice(nameof(MigrantForm.WgSelfCare), Difficulties), WgCommunicating = Choice(nameof(MigrantForm.WgCommunicating), Difficulties),
            ConsentGiven = consent ?? false, ConsentScope = S(nameof(MigrantForm.ConsentScope)),
        };
    }

    // The old free disability flag, as older exports and office files wrote it in the Vulnerabilities
    // column: replaced by the Washington Group columns, so it is accepted and left out.
    private static readonly HashSet<string> OldDisability =
        new[] { "Disability", "Handicap", "Handicapé", "En situation de handicap", "إعاقة" }.Select(Vocabularies.Fold).ToHashSet(StringComparer.Ordinal);

    // The vulnerability column is read and written here only.
    private List<Vulnerability> ParseVulnerabilities(string? cell, List<string> messages, HashSet<string> refused)
    {
        var list = new List<Vulnerability>();
        foreach (var part in (cell ?? "").Split([';', ',', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Vulnerabilities.TryGet(part, out var v)) list.Add(v);
            else if (OldDisability.Contains(Vocabularies.Fold(part))) continue;
            else if (!Vocabularies.Fold(part).Equals(Vocabularies.Fold(l["Vulnerability.None"]), StringComparison.Ordinal))
            {
                refused.Add(nameof(MigrantForm.Vulnerabilities));
                messages.Add(l["Import.NotAccepted", l["Migrants.Field.Vulnerabilities"], part, Vulnerabilities.Accepted]);
            }
        }
        return list;
    }

    private string? FormatDifficulty(FunctioningDifficulty? value) => value is { } d ? l["FunctioningDifficulty." + d].Value : null;

    private string FormatVulnerabilities(Vulnerability value) =>
        string.Join("; ", Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None && value.HasFlag(v)).Select(v => l["Vulnerability." + v].Value));

    // ---- writing a row ----

    /// <summary>A file's cells as the UI shows them, in the order of <see cref="Columns"/>.</summary>
    public string?[] Format(MigrantExportRow m, bool sensitive)
    {
        ArgumentNullException.ThrowIfNull(m);
        static string? D(DateOnly? d) => d?.ToString(DateFormat, CultureInfo.InvariantCulture);
        static string? I(int? i) => i?.ToString(CultureInfo.InvariantCulture);
        string?[] common =
        [
            m.FileNumber, m.FamilyName, m.GivenName, m.FamilyNameArabic, m.GivenNameArabic, l["Sex." + m.Sex], D(m.BirthDate),
            m.BirthDate is null ? I(m.BirthYear) : null, countryNames.TryGetValue(m.NationalityId, out var c) ? c.Name : null,
            m.Languages, m.Phone, regionNames.GetValueOrDefault(m.RegionId), m.City, m.Address, D(m.ArrivalDate),
            l["EducationLevel." + m.EducationLevel], m.Skills, m.ConsentGiven ? YesNo.Shown[0] : YesNo.Shown[1], m.ConsentScope,
        ];
        return sensitive
            ? [.. common, l["AdministrativeStatus." + m.AdministrativeStatus], I(m.RegularisationYear), m.ResidenceCardNumber, D(m.ResidenceCardExpiry),
                m.UnhcrNumber, FormatVulnerabilities(m.Vulnerabilities), FormatDifficulty(m.WgSeeing), FormatDifficulty(m.WgHearing),
                FormatDifficulty(m.WgWalking), FormatDifficulty(m.WgRemembering), FormatDifficulty(m.WgSelfCare), FormatDifficulty(m.WgCommunicating)]
            : common;
    }

    /// <summary>An example row for the template, in the user's language.</summary>
    public string?[] Example(bool sensitive, int? regionId)
    {
        var country = countryNames.Values.FirstOrDefault(c => c.Code == "SN").Name ?? countryNames.Values.FirstOrDefault().Name;
        string?[] common =
        [
            "Diallo", "Aïssatou", "ديالو", "عائشة", Sexes.Shown[0], "17/05/1994", null, country, "Wolof, Français", "+212 600 000 000",
            regionId is { } r && regionNames.TryGetValue(r, out var region) ? region : Regions.Shown.Count > 0 ? Regions.Shown[0] : null, "Rabat", "Hay Nahda", "01/09/2021", Education.Shown[(int)EducationLevel.Primary], "Couture",
            YesNo.Shown[0], l["Import.ExampleConsentScope"],
        ];
        return sensitive
            ? [.. common, Statuses.Shown[(int)AdministrativeStatus.Regularised], "2017", "RC123456", "31/12/2027", null, Vulnerabilities.Shown[1],
                Difficulties.Shown[0], Difficulties.Shown[0], Difficulties.Shown[1], Difficulties.Shown[0], Difficulties.Shown[0], Difficulties.Shown[0]]
            : common;
    }

    /// <summary>The template's example of the consent columns (after the others): case management and phone contact by signed form.</summary>
    public string?[] ConsentExample() =>
        ["01/09/2021", ConsentMethods.Shown[(int)ConsentMethod.SignedForm], "01/09/2021", ConsentMethods.Shown[(int)ConsentMethod.SignedForm], null, null];

    /// <summary>For the template's drop-down lists: the column and its accepted values.</summary>
    public IEnumerable<(string Column, IReadOnlyList<string> Values)> Choices(bool sensitive)
    {
        yield return (nameof(MigrantForm.Sex), Sexes.Shown);
        yield return (nameof(MigrantForm.NationalityCode), Countries.Shown);
        yield return (nameof(MigrantForm.RegionId), Regions.Shown);
        yield return (nameof(MigrantForm.EducationLevel), Education.Shown);
        yield return (nameof(MigrantForm.ConsentGiven), YesNo.Shown);
        foreach (var (_, _, method) in ConsentPurposeColumns)
        {
            yield return (method, ConsentMethods.Shown);
        }
        if (sensitive)
        {
            yield return (nameof(MigrantForm.AdministrativeStatus), Statuses.Shown);
            yield return (nameof(MigrantForm.Vulnerabilities), Vulnerabilities.Shown);
            foreach (var question in new[] { nameof(MigrantForm.WgSeeing), nameof(MigrantForm.WgHearing), nameof(MigrantForm.WgWalking),
                nameof(MigrantForm.WgRemembering), nameof(MigrantForm.WgSelfCare), nameof(MigrantForm.WgCommunicating) })
            {
                yield return (question, Difficulties.Shown);
            }
        }
    }
}

/// <summary>A consent an import row records: its purpose, the date and the way it was given.</summary>
public sealed record ImportConsent(ConsentPurpose Purpose, DateOnly GivenOn, ConsentMethod Method);
