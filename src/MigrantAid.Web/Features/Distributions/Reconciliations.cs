using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Tabular;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>One line of a month's reconciliation: a site, a kind of aid and its unit.</summary>
public sealed record ReconciliationLine(string Region, string Site, AidKind Kind, string Unit, int Distributions,
    int PlannedRecipients, int Registered, int Unregistered, decimal PlannedQuantity, decimal ActualQuantity, IReadOnlyList<string> Reasons)
{
    public int ActualRecipients => Registered + Unregistered;
    public int RecipientDifference => ActualRecipients - PlannedRecipients;
    public decimal QuantityDifference => ActualQuantity - PlannedQuantity;
}

/// <summary>
/// Planned against actual per site and month (recipients and quantities, with the reasons
/// given for differences), in the user's scope; exported as XLSX and as CSV with an HXL
/// hashtag row under the header (aggregates only, no person).
/// </summary>
public static class Reconciliations
{
    public static async Task<IReadOnlyList<ReconciliationLine>> ForMonthAsync(AppDbContext db, int year, int month, CancellationToken ct)
    {
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1);
        // Quantities are decimals, which SQLite cannot sum: one row per distribution, added up here.
        var rows = await db.AidDistributions.AsNoTracking().Where(d => d.Date >= from && d.Date < to)
            .Select(d => new
            {
                Region = d.Site!.Region!.NameFr, Site = d.Site.Name + ", " + d.Site.City, d.Kind, d.Unit, d.PlannedRecipients,
                Registered = d.Recipients.Count, Unregistered = d.UnregisteredGirls + d.UnregisteredBoys + d.UnregisteredWomen + d.UnregisteredMen,
                d.PlannedQuantity, d.ActualQuantity, d.DifferenceReason,
            }).ToListAsync(ct);
        return rows.GroupBy(r => (r.Region, r.Site, r.Kind, r.Unit))
            .Select(g => new ReconciliationLine(g.Key.Region, g.Key.Site, g.Key.Kind, g.Key.Unit, g.Count(), g.Sum(r => r.PlannedRecipients),
                g.Sum(r => r.Registered), g.Sum(r => r.Unregistered), g.Sum(r => r.PlannedQuantity), g.Sum(r => r.ActualQuantity),
                g.Select(r => r.DifferenceReason).OfType<string>().Distinct().ToList()))
            .OrderBy(l => l.Site, StringComparer.CurrentCulture).ThenBy(l => l.Kind).ToList();
    }

    private static readonly string[] Hxl =
        ["#adm1+name", "#loc+name", "#sector+aid", "#meta+unit", "#meta+count", "#targeted", "#reached", "#reached+registered",
         "#reached+unregistered", "#value+planned", "#value+actual", "#description+reason"];

    private static string[] Headers(IStringLocalizer l) =>
        [l["Field.Region"], l["Distributions.Site"], l["Distributions.Kind"], l["Distributions.Unit"], l["Distributions.Count"],
         l["Distributions.PlannedRecipients"], l["Distributions.ActualRecipients"], l["Distributions.Registered"], l["Distributions.Unregistered"],
         l["Distributions.PlannedQuantity"], l["Distributions.ActualQuantity"], l["Distributions.DifferenceReason"]];

    private static object[] Values(ReconciliationLine x, IStringLocalizer l) =>
        [x.Region, x.Site, l["AidKind." + x.Kind].Value, x.Unit, x.Distributions, x.PlannedRecipients, x.ActualRecipients, x.Registered,
         x.Unregistered, x.PlannedQuantity, x.ActualQuantity, string.Join(" ; ", x.Reasons)];

    /// <summary>
    /// The shared CSV writer (UTF-8 with BOM, cells neutralised against formulas), with ','
    /// rather than the exports' ';': HXL tools read comma-separated files, and the hashtag row
    /// goes under the header as the first data row.
    /// </summary>
    public static async Task<byte[]> CsvAsync(IReadOnlyList<ReconciliationLine> lines, IStringLocalizer l, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var stream = new MemoryStream();
        await using (var writer = CsvTableWriter.Create(stream, Headers(l), ','))
        {
            await writer.WriteRowAsync(Hxl, ct);
            foreach (var line in lines)
            {
                await writer.WriteRowAsync(Values(line, l).Select(Text).ToList(), ct);
            }
            await writer.CompleteAsync(ct);
        }
        return stream.ToArray();
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyList<ReconciliationLine> lines, IStringLocalizer l, CancellationToken ct)
    {
        var headers = Headers(l);
        var rows = new List<Dictionary<string, object?>> { headers.Zip(Hxl).ToDictionary(p => p.First, p => (object?)p.Second) };
        rows.AddRange(lines.Select(line => headers.Zip(Values(line, l))
            .ToDictionary(p => p.First, p => p.Second is string text ? CsvTableWriter.Neutralise(text) : (object?)p.Second)));
        using var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, rows, cancellationToken: ct);
        return stream.ToArray();
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
