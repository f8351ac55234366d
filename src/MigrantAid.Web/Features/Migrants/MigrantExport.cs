using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Tabular;

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
    DateOnly? BirthDate, int? BirthYear, int NationalityId, string? Languages, string? Phone, int RegionId, string? City, string? Address,
    DateOnly? ArrivalDate, EducationLevel EducationLevel, string? Skills, bool ConsentGiven, string? ConsentScope,
    AdministrativeStatus AdministrativeStatus, int? RegularisationYear, string? ResidenceCardNumber, DateOnly? ResidenceCardExpiry,
    string? UnhcrNumber, Vulnerability Vulnerabilities, FunctioningDifficulty? WgSeeing, FunctioningDifficulty? WgHearing,
    FunctioningDifficulty? WgWalking, FunctioningDifficulty? WgRemembering, FunctioningDifficulty? WgSelfCare, FunctioningDifficulty? WgCommunicating)
{
    public static IQueryable<MigrantExportRow> Project(IQueryable<Migrant> query) =>
        query.OrderBy(m => m.Id).Select(m => new MigrantExportRow(m.FileNumber, m.FamilyName, m.GivenName, m.FamilyNameArabic, m.GivenNameArabic,
            m.Sex, m.BirthDate, m.BirthYear, m.NationalityId, m.Languages, m.Phone, m.RegionId, m.City, m.Address, m.ArrivalDate,
            m.EducationLevel, m.Skills, m.ConsentGiven, m.ConsentScope, m.AdministrativeStatus, m.RegularisationYear,
            m.ResidenceCardNumber, m.ResidenceCardExpiry, m.UnhcrNumber, m.Vulnerabilities,
            m.WgSeeing, m.WgHearing, m.WgWalking, m.WgRemembering, m.WgSelfCare, m.WgCommunicating));
}

/// <summary>
/// The registry's exports: headers in the user's language, values as the UI shows them, dates
/// dd/MM/yyyy — the same table the import reads, so an export re-imports without edits.
/// </summary>
public static class MigrantExport
{
    /// <summary>Streams the rows as CSV (Sep; UTF-8 with BOM; ';' unless ',' is asked for), one row at a time.</summary>
    public static async Task WriteCsvAsync(Stream body, IQueryable<Migrant> query, MigrantTable table, bool sensitive, char separator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = CsvTableWriter.Create(body, table.Columns(sensitive).Select(table.Header).ToList(), separator);
        await foreach (var row in MigrantExportRow.Project(query).AsAsyncEnumerable().WithCancellation(ct))
        {
            await writer.WriteRowAsync(table.Format(row, sensitive), ct);
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>Writes an XLSX file to a temporary file (deleted when closed) row by row, and returns it to stream.</summary>
    public static async Task<Stream> WriteXlsxAsync(IQueryable<Migrant> query, MigrantTable table, bool sensitive, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        var headers = table.Columns(sensitive).Select(table.Header).ToArray();
        IEnumerable<IDictionary<string, object?>> Rows()
        {
            foreach (var row in MigrantExportRow.Project(query).AsEnumerable())
            {
                var cells = table.Format(row, sensitive);
                var dict = new Dictionary<string, object?>(headers.Length);
                for (var i = 0; i < headers.Length; i++)
                {
                    dict[headers[i]] = CsvTableWriter.Neutralise(cells[i]);
                }
                yield return dict;
            }
        }
        var path = Path.Combine(Path.GetTempPath(), $"migrantaid-export-{Guid.NewGuid():N}.xlsx");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await MiniExcelLibs.MiniExcel.SaveAsAsync(file, Rows(), cancellationToken: ct);
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }
}
