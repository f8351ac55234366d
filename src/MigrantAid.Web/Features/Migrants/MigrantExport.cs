using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// The columns of the registry's files, shared by export and import: the headers are the
/// form's field names. Sensitive columns are written only for roles that may see them.
/// </summary>
public static class MigrantColumns
{
    public static readonly string[] Public =
    [
        nameof(MigrantForm.FamilyName), nameof(MigrantForm.GivenName), nameof(MigrantForm.FamilyNameArabic), nameof(MigrantForm.GivenNameArabic),
        nameof(MigrantForm.Sex), nameof(MigrantForm.BirthDate), nameof(MigrantForm.BirthYear), nameof(MigrantForm.NationalityCode),
        nameof(MigrantForm.Languages), nameof(MigrantForm.Phone), nameof(MigrantForm.RegionId), nameof(MigrantForm.City), nameof(MigrantForm.Address),
        nameof(MigrantForm.ArrivalDate), nameof(MigrantForm.EducationLevel), nameof(MigrantForm.Skills),
        nameof(MigrantForm.ConsentGiven), nameof(MigrantForm.ConsentScope),
    ];

    public static readonly string[] Sensitive =
    [
        nameof(MigrantForm.AdministrativeStatus), nameof(MigrantForm.RegularisationYear), nameof(MigrantForm.ResidenceCardNumber),
        nameof(MigrantForm.ResidenceCardExpiry), nameof(MigrantForm.UnhcrNumber), nameof(MigrantForm.Vulnerabilities),
        nameof(MigrantForm.WgSeeing), nameof(MigrantForm.WgHearing), nameof(MigrantForm.WgWalking), nameof(MigrantForm.WgRemembering),
        nameof(MigrantForm.WgSelfCare), nameof(MigrantForm.WgCommunicating),
    ];

    public const string FileNumber = "FileNumber";
}

public sealed record MigrantExportRow(
    string FileNumber, string FamilyName, string GivenName, string? FamilyNameArabic, string? GivenNameArabic, Sex Sex,
    DateOnly? BirthDate, int? BirthYear, string NationalityCode, string? Languages, string? Phone, int RegionId, string? City, string? Address,
    DateOnly? ArrivalDate, EducationLevel EducationLevel, string? Skills, bool ConsentGiven, string? ConsentScope,
    AdministrativeStatus AdministrativeStatus, int? RegularisationYear, string? ResidenceCardNumber, DateOnly? ResidenceCardExpiry,
    string? UnhcrNumber, Vulnerability Vulnerabilities, FunctioningDifficulty? WgSeeing, FunctioningDifficulty? WgHearing,
    FunctioningDifficulty? WgWalking, FunctioningDifficulty? WgRemembering, FunctioningDifficulty? WgSelfCare, FunctioningDifficulty? WgCommunicating)
{
    public static IQueryable<MigrantExportRow> Project(IQueryable<Migrant> query) =>
        query.OrderBy(m => m.Id).Select(m => new MigrantExportRow(m.FileNumber, m.FamilyName, m.GivenName, m.FamilyNameArabic, m.GivenNameArabic,
            m.Sex, m.BirthDate, m.BirthYear, m.Nationality!.Code, m.Languages, m.Phone, m.RegionId, m.City, m.Address, m.ArrivalDate,
            m.EducationLevel, m.Skills, m.ConsentGiven, m.ConsentScope, m.AdministrativeStatus, m.RegularisationYear,
            m.ResidenceCardNumber, m.ResidenceCardExpiry, m.UnhcrNumber, m.Vulnerabilities,
            m.WgSeeing, m.WgHearing, m.WgWalking, m.WgRemembering, m.WgSelfCare, m.WgCommunicating));

    /// <summary>The row's values in column order; sensitive values only when allowed.</summary>
    public IEnumerable<object?> Values(bool sensitive)
    {
        static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object?[] common =
        [
            FileNumber, FamilyName, GivenName, FamilyNameArabic, GivenNameArabic, Sex.ToString(), D(BirthDate), BirthYear, NationalityCode,
            Languages, Phone, RegionId, City, Address, D(ArrivalDate), EducationLevel.ToString(), Skills, ConsentGiven ? "true" : "false", ConsentScope,
        ];
        if (!sensitive)
        {
            return common;
        }
        var vulnerabilities = string.Join(';', Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None && Vulnerabilities.HasFlag(v)));
        return common.Concat([AdministrativeStatus.ToString(), RegularisationYear, ResidenceCardNumber, D(ResidenceCardExpiry), UnhcrNumber, vulnerabilities,
            WgSeeing?.ToString(), WgHearing?.ToString(), WgWalking?.ToString(), WgRemembering?.ToString(), WgSelfCare?.ToString(), WgCommunicating?.ToString()]);
    }

    public static IEnumerable<string> Headers(bool sensitive) =>
        new[] { MigrantColumns.FileNumber }.Concat(MigrantColumns.Public).Concat(sensitive ? MigrantColumns.Sensitive : []);
}

public static class MigrantExport
{
    /// <summary>Streams the rows as CSV (UTF-8 with BOM, so spreadsheet software reads Arabic), one row at a time.</summary>
    public static async Task WriteCsvAsync(Stream body, IQueryable<Migrant> query, bool sensitive, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', MigrantExportRow.Headers(sensitive)));
        await foreach (var row in MigrantExportRow.Project(query).AsAsyncEnumerable().WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',', row.Values(sensitive).Select(Escape)));
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>Writes an XLSX file to a temporary file (deleted when closed) row by row, and returns it to stream.</summary>
    public static async Task<Stream> WriteXlsxAsync(IQueryable<Migrant> query, bool sensitive, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"migrantaid-export-{Guid.NewGuid():N}.xlsx");
        var headers = MigrantExportRow.Headers(sensitive).ToArray();
        IEnumerable<IDictionary<string, object?>> Rows()
        {
            foreach (var row in MigrantExportRow.Project(query).AsEnumerable())
            {
                var dict = new Dictionary<string, object?>(headers.Length);
                var i = 0;
                foreach (var v in row.Values(sensitive))
                {
                    dict[headers[i++]] = v;
                }
                yield return dict;
            }
        }
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await MiniExcelLibs.MiniExcel.SaveAsAsync(file, Rows(), cancellationToken: ct);
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    private static string Escape(object? value)
    {
        var s = value switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // Formula injection: a cell starting with = + - @ is neutralised for spreadsheet software.
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' && !(value is string && s[0] is '+' or '-' && s.Skip(1).All(c => char.IsAsciiDigit(c) || c == ' ')))
        {
            s = "'" + s;
        }
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
