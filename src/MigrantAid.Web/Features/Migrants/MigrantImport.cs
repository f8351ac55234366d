using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

public enum ImportRowStatus { Create, Duplicate, Error }

public sealed record ImportRowReport(int Line, string Name, ImportRowStatus Status, IReadOnlyList<string> Messages);

public sealed record ImportReport(string? Token, string FileName, IReadOnlyList<ImportRowReport> Rows, IReadOnlyList<string> FileErrors)
{
    public int Errors => Rows.Count(r => r.Status == ImportRowStatus.Error);
    public int Duplicates => Rows.Count(r => r.Status == ImportRowStatus.Duplicate);
    public int ToCreate => Rows.Count(r => r.Status == ImportRowStatus.Create);
    public bool CanConfirm => Token is not null && FileErrors.Count == 0 && Errors == 0 && Rows.Count > 0;
    public const int CreatedRowsShown = 200;
}

/// <summary>
/// Import of migrant files from CSV or XLSX, whose headers are the form's field names. Every
/// row goes through the form's validator and the registry's duplicate and document checks;
/// nothing is written until the user confirms, and then all rows or none.
/// </summary>
public sealed class MigrantImport(AppDbContext db, IValidator<MigrantForm> validator, MigrantRegistry registry, CurrentUser user,
    TimeProvider clock, IStringLocalizer<SharedResource> l, IConfiguration configuration, IWebHostEnvironment environment)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    private static readonly string[] Extensions = [".csv", ".xlsx"];

    private string Folder => Path.Combine(DatabaseSetup.DataFolder(configuration, environment), "imports");

    /// <summary>Keeps the uploaded file until the user confirms; the token names it and ties it to this user.</summary>
    public async Task<string?> StoreAsync(IFormFile file, CancellationToken ct)
    {
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (!Extensions.Contains(extension) || file.Length == 0 || file.Length > MaxFileBytes)
        {
            return null;
        }
        Directory.CreateDirectory(Folder);
        // Files uploaded but never confirmed or cancelled hold personal data: gone after a day.
        foreach (var stale in new DirectoryInfo(Folder).GetFiles().Where(f => f.LastWriteTimeUtc < clock.GetUtcNow().UtcDateTime.AddDays(-1)))
        {
            stale.Delete();
        }
        var token = Guid.NewGuid().ToString("N") + extension;
        await using var target = File.Create(PathOf(token));
        await file.CopyToAsync(target, ct);
        return token;
    }

    public void Discard(string token)
    {
        if (IsValidToken(token) && File.Exists(PathOf(token)))
        {
            File.Delete(PathOf(token));
        }
    }

    private string PathOf(string token) => Path.Combine(Folder, $"{user.Id}-{token}");

    private static bool IsValidToken(string? token) =>
        token is { Length: 36 or 37 } && Guid.TryParseExact(token[..32], "N", out _) && Extensions.Contains(token[32..]);

    /// <summary>Reads and checks every row. With <paramref name="keep"/>, also returns the files ready to save.</summary>
    public async Task<(ImportReport Report, List<Migrant> Valid)> AnalyseAsync(string token, string fileName, bool includeDuplicates, CancellationToken ct,
        IProgress<(int Done, int Total)>? progress = null)
    {
        if (!IsValidToken(token) || !File.Exists(PathOf(token)))
        {
            return (new ImportReport(null, fileName, [], [l["Import.FileExpired"]]), []);
        }
        List<(int Line, Dictionary<string, string?> Values)> rows;
        try
        {
            rows = Read(PathOf(token), token[32..]);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or InvalidOperationException)
        {
            return (new ImportReport(null, fileName, [], [l["Import.Unreadable"]]), []);
        }
        var headers = rows.Count > 0 ? rows[0].Values.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
        var missing = new[] { nameof(MigrantForm.FamilyName), nameof(MigrantForm.GivenName), nameof(MigrantForm.Sex), nameof(MigrantForm.NationalityCode) }
            .Where(h => !headers.Contains(h)).ToList();
        if (rows.Count == 0 || missing.Count > 0)
        {
            return (new ImportReport(token, fileName, [], [rows.Count == 0 ? l["Import.Empty"] : l["Import.MissingColumns", string.Join(", ", missing)]]), []);
        }
        var countries = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.OrdinalIgnoreCase, ct);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Id, StringComparer.OrdinalIgnoreCase, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        // 1. Each row on its own: parse and validate like the form.
        var checkedRows = new List<(int Line, string Name, List<string> Messages, Migrant? M)>();
        // Checking each row is most of the work; the checks against the registry (batched) are the last step.
        var total = rows.Count + Math.Max(1, rows.Count / 10);
        progress?.Report((0, total));
        foreach (var (line, values) in rows)
        {
            if (checkedRows.Count % 250 == 0)
            {
                progress?.Report((checkedRows.Count, total));
            }
            var messages = new List<string>();
            var form = ToForm(values, regions, messages);
            var name = $"{form.FamilyName} {form.GivenName}".Trim();
            var result = await validator.ValidateAsync(form, ct);
            messages.AddRange(result.Errors.Select(e => $"{l["Migrants.Field." + e.PropertyName]} : {e.ErrorMessage}"));
            Migrant? m = null;
            if (messages.Count == 0)
            {
                m = new Migrant { RegisteredById = user.Id };
                form.ApplyTo(m, countries[form.NationalityCode!.Trim()], user.Id, today);
            }
            checkedRows.Add((line, name, messages, m));
        }

        // 2. Against the registry and the rest of the file, in batches.
        var news = checkedRows.Where(r => r.M is not null).Select(r => r.M!).ToList();
        var (takenCards, takenUnhcr) = await registry.TakenDocumentsAsync(
            news.Where(m => m.ResidenceCardNumber != null).Select(m => m.ResidenceCardNumber!).ToHashSet(),
            news.Where(m => m.UnhcrNumber != null).Select(m => m.UnhcrNumber!).ToHashSet(), ct);
        var candidates = await registry.FindDuplicatesAsync(news, ct);
        progress?.Report((total, total));
        var reports = new List<ImportRowReport>();
        var valid = new List<Migrant>();
        var cards = new Dictionary<string, int>(StringComparer.Ordinal);
        var unhcr = new Dictionary<string, int>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, List<(int Line, Migrant M)>>(StringComparer.Ordinal);
        foreach (var (line, name, messages, m) in checkedRows)
        {
            if (m is null)
            {
                reports.Add(new ImportRowReport(line, name, ImportRowStatus.Error, messages));
                continue;
            }
            if (m.ResidenceCardNumber is { } card && takenCards.TryGetValue(card, out var f1))
            {
                messages.Add(l["Migrants.ResidenceCardTaken", f1]);
            }
            if (m.UnhcrNumber is { } un && takenUnhcr.TryGetValue(un, out var f2))
            {
                messages.Add(l["Migrants.UnhcrNumberTaken", f2]);
            }
            if (m.ResidenceCardNumber is { } c2 && !cards.TryAdd(c2, line))
            {
                messages.Add(l["Import.SameDocumentAsLine", l["Migrants.Field.ResidenceCardNumber"], cards[c2]]);
            }
            if (m.UnhcrNumber is { } u && !unhcr.TryAdd(u, line))
            {
                messages.Add(l["Import.SameDocumentAsLine", l["Migrants.Field.UnhcrNumber"], unhcr[u]]);
            }
            if (messages.Count > 0)
            {
                reports.Add(new ImportRowReport(line, name, ImportRowStatus.Error, messages));
                continue;
            }
            var inFile = new[] { m.FamilyNameKey, m.GivenNameKey, m.FamilyNameArabicKey ?? "" }
                .Where(k => k.Length > 0).SelectMany(k => byKey.TryGetValue(k, out var list) ? list : [])
                .FirstOrDefault(p => MigrantRegistry.SamePerson(p.M, m));
            foreach (var k in new[] { m.FamilyNameKey, m.FamilyNameArabicKey ?? "" }.Where(k => k.Length > 0))
            {
                if (!byKey.TryGetValue(k, out var list))
                {
                    byKey[k] = list = [];
                }
                list.Add((line, m));
            }
            var found = candidates[m];
            if (found.Count > 0 || inFile.M is not null)
            {
                var about = found.Select(c => l["Import.MaybeFile", c.FileNumber, $"{c.FamilyName} {c.GivenName}"].Value).ToList();
                if (inFile.M is not null)
                {
                    about.Add(l["Import.MaybeLine", inFile.Line]);
                }
                reports.Add(new ImportRowReport(line, name, ImportRowStatus.Duplicate, about));
                if (includeDuplicates)
                {
                    m.ConfirmedNotDuplicateOf = string.Join(",", found.Select(c => c.FileNumber)) is { Length: > 0 } numbers
                        ? numbers[..Math.Min(numbers.Length, Migrant.DuplicateNoteMaxLength)] : null;
                    valid.Add(m);
                }
                continue;
            }
            reports.Add(new ImportRowReport(line, name, ImportRowStatus.Create, []));
            valid.Add(m);
        }
        return (new ImportReport(token, fileName, reports, []), valid);
    }

    private static List<(int, Dictionary<string, string?>)> Read(string path, string extension)
    {
        var rows = new List<(int, Dictionary<string, string?>)>();
        if (extension == ".xlsx")
        {
            var line = 1;
            foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true))
            {
                line++;
                var values = row.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value switch
                {
                    null => null,
                    DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString(),
                }, StringComparer.OrdinalIgnoreCase);
                if (values.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
                {
                    rows.Add((line, values));
                }
            }
            return rows;
        }
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            return rows;
        }
        var headers = records.Current.Fields.Select(h => h.Trim()).ToArray();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < headers.Length; i++)
            {
                values[headers[i]] = i < fields.Count ? fields[i] : null;
            }
            if (values.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                rows.Add((line, values));
            }
        }
        return rows;
    }

    private MigrantForm ToForm(Dictionary<string, string?> v, Dictionary<string, int> regions, List<string> messages)
    {
        string? S(string key) => v.TryGetValue(key, out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
        T? E<T>(string key) where T : struct, Enum
        {
            if (S(key) is not { } s) return null;
            if (Enum.TryParse<T>(s, true, out var e) && Enum.IsDefined(e) && !int.TryParse(s, CultureInfo.InvariantCulture, out _)) return e;
            messages.Add(l["Import.InvalidValue", l["Migrants.Field." + key], s]);
            return null;
        }
        int? I(string key)
        {
            if (S(key) is not { } s) return null;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
            messages.Add(l["Import.InvalidValue", l["Migrants.Field." + key], s]);
            return null;
        }
        DateOnly? D(string key)
        {
            if (S(key) is not { } s) return null;
            if (DateOnly.TryParseExact(s, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            if (DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)) return DateOnly.FromDateTime(dt);
            messages.Add(l["Import.InvalidValue", l["Migrants.Field." + key], s]);
            return null;
        }
        int? region = null;
        if (S(nameof(MigrantForm.RegionId)) is { } r)
        {
            region = regions.TryGetValue(r, out var id) ? id : I(nameof(MigrantForm.RegionId));
        }
        else
        {
            region = user.RegionId;
        }
        var vulnerabilities = new List<Vulnerability>();
        foreach (var part in (S(nameof(MigrantForm.Vulnerabilities)) ?? "").Split([';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<Vulnerability>(part, true, out var x) && Enum.IsDefined(x) && !int.TryParse(part, CultureInfo.InvariantCulture, out _)) vulnerabilities.Add(x);
            // The old free "Disability" flag: replaced by the Washington Group columns, accepted and left out.
            else if (string.Equals(part, "Disability", StringComparison.OrdinalIgnoreCase)) continue;
            else messages.Add(l["Import.InvalidValue", l["Migrants.Field.Vulnerabilities"], part]);
        }
        // Washington Group answers: their names or the Group's codes 1 to 4.
        FunctioningDifficulty? W(string key) => S(key) is { } w && int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code is >= 1 and <= 4
            ? (FunctioningDifficulty)code : E<FunctioningDifficulty>(key);
        var consent = S(nameof(MigrantForm.ConsentGiven))?.ToLowerInvariant();
        return new MigrantForm
        {
            FamilyName = S(nameof(MigrantForm.FamilyName)), GivenName = S(nameof(MigrantForm.GivenName)),
            FamilyNameArabic = S(nameof(MigrantForm.FamilyNameArabic)), GivenNameArabic = S(nameof(MigrantForm.GivenNameArabic)),
            Sex = E<Sex>(nameof(MigrantForm.Sex)), BirthDate = D(nameof(MigrantForm.BirthDate)), BirthYear = I(nameof(MigrantForm.BirthYear)),
            NationalityCode = S(nameof(MigrantForm.NationalityCode)), Languages = S(nameof(MigrantForm.Languages)), Phone = S(nameof(MigrantForm.Phone)),
            RegionId = region, City = S(nameof(MigrantForm.City)), Address = S(nameof(MigrantForm.Address)), ArrivalDate = D(nameof(MigrantForm.ArrivalDate)),
            AdministrativeStatus = E<AdministrativeStatus>(nameof(MigrantForm.AdministrativeStatus)),
            RegularisationYear = I(nameof(MigrantForm.RegularisationYear)), ResidenceCardNumber = S(nameof(MigrantForm.ResidenceCardNumber)),
            ResidenceCardExpiry = D(nameof(MigrantForm.ResidenceCardExpiry)), UnhcrNumber = S(nameof(MigrantForm.UnhcrNumber)),
            EducationLevel = E<EducationLevel>(nameof(MigrantForm.EducationLevel)), Skills = S(nameof(MigrantForm.Skills)),
            Vulnerabilities = vulnerabilities,
            WgSeeing = W(nameof(MigrantForm.WgSeeing)), WgHearing = W(nameof(MigrantForm.WgHearing)), WgWalking = W(nameof(MigrantForm.WgWalking)),
            WgRemembering = W(nameof(MigrantForm.WgRemembering)), WgSelfCare = W(nameof(MigrantForm.WgSelfCare)),
            WgCommunicating = W(nameof(MigrantForm.WgCommunicating)),
            ConsentGiven = consent is "true" or "1" or "yes" or "oui" or "o" or "y" or "نعم", ConsentScope = S(nameof(MigrantForm.ConsentScope)),
        };
    }
}

/// <summary>
/// A small RFC 4180 reader: quoted fields with doubled quotes and line breaks; the delimiter
/// (comma, semicolon as French Excel writes, or tab) is taken from the header line.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<(int Line, List<string> Fields)> Read(TextReader reader)
    {
        char? delimiter = null;
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var start = line;
            delimiter ??= new[] { ';', '\t', ',' }.OrderByDescending(d => text.Count(c => c == d)).First();
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; ; i++)
            {
                if (i == text.Length)
                {
                    if (quoted && reader.ReadLine() is { } more)
                    {
                        line++;
                        field.Append('\n');
                        text = more;
                        i = -1;
                        continue;
                    }
                    if (quoted)
                    {
                        throw new FormatException("unterminated quoted field");
                    }
                    break;
                }
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') { quoted = false; }
                    else { field.Append(c); }
                }
                else if (c == '"' && field.Length == 0) { quoted = true; }
                else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
                else { field.Append(c); }
            }
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
