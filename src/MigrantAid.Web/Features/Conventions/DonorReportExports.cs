using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>
/// The donor report's files: CSV with an HXL hashtag row, an XLSX workbook and an IATI 2.03
/// activity. All built from the same <see cref="DonorReport"/> (aggregates only, cells
/// suppressed for partners exactly as on the page).
/// </summary>
public static class DonorReportExports
{
    /// <summary>The agency as IATI knows it: the reporting and implementing organisation.</summary>
    public const string AgencyRef = "MA-EN";
    public const string AgencyName = "Entraide nationale";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>HXL hashtags under the header, one per column (humanitarian tools read the file as is).</summary>
    public static readonly IReadOnlyList<(string Header, string Hxl)> CsvColumns =
    [
        ("indicator_code", "#indicator+code"), ("indicator", "#indicator+name"), ("unit", "#indicator+unit"),
        ("period", "#date+period"), ("region", "#adm1+name"), ("region_code", "#adm1+code"),
        ("baseline", "#indicator+baseline"), ("targeted", "#targeted"), ("reached", "#reached"),
        ("reached_f", "#reached+f"), ("reached_m", "#reached+m"),
    ];

    /// <summary>
    /// Written by the shared CSV writer (UTF-8 with BOM, cells neutralised against formulas),
    /// comma-separated as HXL tools read it; the hashtag row is the first row under the header.
    /// </summary>
    public static async Task<byte[]> ToCsvAsync(DonorReport report, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        await using (var writer = Infrastructure.Tabular.CsvTableWriter.Create(stream, CsvColumns.Select(c => c.Header).ToList(), ','))
        {
            await writer.WriteRowAsync(CsvColumns.Select(c => c.Hxl).ToList(), ct);
            foreach (var row in report.Rows)
            {
                // A national row (all regions), then one row per region where the indicator reached someone.
                await writer.WriteRowAsync(Line(row, report, language, null, null, row.Actual.By(Dimensions.Sex),
                    row.Actual.TotalSuppressed ? SmallCells.Shown : Number(row.Actual.Total), Number(row.Target)), ct);
                foreach (var region in row.Actual.By(Dimensions.Region)?.Cells ?? [])
                {
                    await writer.WriteRowAsync(Line(row, report, language, region.Label, region.Key, null, Shown(region), ""), ct);
                }
            }
            await writer.CompleteAsync(ct);
        }
        return stream.ToArray();
    }

    private static string[] Line(ReportRow row, DonorReport report, string language, string? region, string? regionCode,
        Breakdown? sex, string reached, string targeted)
    {
        var f = sex?.Cells.FirstOrDefault(c => c.Key == "F");
        var m = sex?.Cells.FirstOrDefault(c => c.Key == "M");
        return
        [
            row.Code, row.Title(language), row.Unit, report.Period.ToString(), region ?? "", regionCode ?? "",
            Number(row.Baseline), targeted, reached, f is null ? "" : Shown(f), m is null ? "" : Shown(m),
        ];
    }

    private static string Shown(Cell c) => c.Suppressed ? SmallCells.Shown : c.Value.ToString(Inv);

    private static string Number(decimal? value) => value?.ToString("0.##", Inv) ?? "";

    /// <summary>Summary, the indicator table and one sheet per disaggregation.</summary>
    public static async Task<byte[]> ToXlsxAsync(DonorReport report, string language, IStringLocalizer l, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(l);
        var c = report.Convention;
        var summary = new List<Dictionary<string, object?>>
        {
            Pair(l["Conventions.Reference"], c.Reference), Pair(l["Conventions.Title"], c.TitleIn(language)),
            Pair(l["Conventions.Period"], report.Period.ToString()), Pair(l["Conventions.Status"], l["ConventionStatus." + c.Status].Value),
            Pair(l["Conventions.Budget"], c.Budget), Pair(l["Conventions.Currency"], c.Currency.ToString()),
            Pair(l["Conventions.AgencyShare"], c.AgencyShare), Pair(l["Conventions.BudgetMad"], c.Budget * c.ExchangeRateToMad),
            Pair(l["Conventions.StartDate"], c.StartDate?.ToString("yyyy-MM-dd", Inv)), Pair(l["Conventions.EndDate"], c.EndDate?.ToString("yyyy-MM-dd", Inv)),
            Pair(l["Conventions.Partners"], string.Join("; ", c.Partners.Select(p => p.Name(language)))),
            Pair(l["Conventions.Regions"], string.Join("; ", c.Regions.Select(r => r.Name(language)))),
        };
        if (report.Frozen is { } frozen)
        {
            summary.Add(Pair(l["Conventions.FrozenVersion"], string.Create(Inv, $"v{frozen.Number} {frozen.FrozenAt:yyyy-MM-dd HH:mm} UTC, {frozen.FrozenBy}")));
        }
        if (report.Suppressed)
        {
            summary.Add(Pair(l["Conventions.SmallCellsNote"], SmallCells.Shown));
        }
        var indicators = report.Rows.Select(r => new Dictionary<string, object?>
        {
            [l["Conventions.Code"]] = r.Code, [l["Conventions.Indicator"]] = r.Title(language), [l["Conventions.Unit"]] = r.Unit,
            [l["Conventions.Baseline"]] = r.Baseline, [l["Conventions.Target"]] = r.Target,
            [l["Conventions.Actual"]] = r.Actual.TotalSuppressed ? SmallCells.Shown : r.Actual.Total,
        }).ToList();
        var sheets = new Dictionary<string, object>
        {
            [Sheet(l["Conventions.Summary"])] = summary,
            [Sheet(l["Conventions.Indicators"])] = indicators,
        };
        foreach (var dimension in Dimensions.All)
        {
            var rows = report.Rows.SelectMany(r => (r.Actual.By(dimension)?.Cells ?? []).Select(cell => new Dictionary<string, object?>
            {
                [l["Conventions.Code"]] = r.Code, [l["Conventions.Group"]] = CellLabel(cell, l),
                [l["Conventions.Actual"]] = cell.Suppressed ? SmallCells.Shown : cell.Value,
            })).ToList();
            sheets[Sheet(l["Conventions.By." + dimension])] = rows.Count > 0 ? rows : [new Dictionary<string, object?> { [l["Conventions.Code"]] = "" }];
        }
        using var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
        return stream.ToArray();
    }

    public static string CellLabel(Cell cell, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(l);
        return cell.Key is "F" or "M" or "other" or "unknown" or Dimensions.WithDisability or Dimensions.WithoutDisability ? l["Conventions.Cell." + cell.Key] : cell.Label;
    }

    private static string Sheet(string name) => name.Length > 31 ? name[..31] : name;

    private static Dictionary<string, object?> Pair(string key, object? value) => new() { ["field"] = key, ["value"] = value };

    /// <summary>IATI sector codes (DAC 5-digit) for the convention's themes.</summary>
    private static readonly IReadOnlyDictionary<ConventionTheme, string> Sectors = new Dictionary<ConventionTheme, string>
    {
        [ConventionTheme.VocationalTraining] = "11330",
        [ConventionTheme.IncomeGeneratingActivities] = "16020",
        [ConventionTheme.SocialIntegration] = "16010",
        [ConventionTheme.HumanitarianAid] = "72010",
        [ConventionTheme.CapacityBuilding] = "15110",
    };

    /// <summary>IATI ActivityStatus codelist: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended.</summary>
    public static int ActivityStatus(ConventionStatus status) => status switch
    {
        ConventionStatus.Identified or ConventionStatus.InNegotiation or ConventionStatus.Finalising or ConventionStatus.Signed => 1,
        ConventionStatus.InForce => 2,
        ConventionStatus.Closed => 4,
        ConventionStatus.Cancelled => 5,
        ConventionStatus.Suspended => 6,
        _ => 1,
    };

    /// <summary>IATI OrganisationType codelist from the partner's kind.</summary>
    private static int OrganisationType(PartnerKind kind) => kind switch
    {
        PartnerKind.MultilateralDonor => 40,
        PartnerKind.BilateralCooperation => 10,
        PartnerKind.Ngo => 21,
        PartnerKind.PublicBody => 10,
        _ => 22,
    };

    public static XDocument ToIati(DonorReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Convention;
        XNamespace xml = XNamespace.Xml;
        XElement Narratives(string name, params (string Lang, string? Text)[] texts) =>
            new(name, texts.Where(t => !string.IsNullOrWhiteSpace(t.Text)).Select(t => new XElement("narrative", new XAttribute(xml + "lang", t.Lang), t.Text)));
        XElement Narrative(string name, string text) => new(name, new XElement("narrative", text));
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

        var activity = new XElement("iati-activity",
            new XAttribute("last-updated-datetime", now.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv)),
            new XAttribute(xml + "lang", "fr"),
            new XAttribute("default-currency", c.Currency.ToString()),
            new XElement("iati-identifier", $"{AgencyRef}-{c.Reference}"),
            new XElement("reporting-org", new XAttribute("ref", AgencyRef), new XAttribute("type", "10"), Narrative("narrative-holder", AgencyName).Elements()),
            Narratives("title", ("fr", c.Title), ("ar", c.TitleAr), ("en", c.TitleEn)),
            new XElement("description", new XAttribute("type", "1"), new XElement("narrative", new XAttribute(xml + "lang", "fr"), c.Title)),
            c.Partners.SelectMany(p => OrganisationRoleCodes.Split(p.Roles).Select(role => new XElement("participating-org",
                new XAttribute("ref", p.Code), new XAttribute("role", OrganisationRoleCodes.Code(role)), new XAttribute("type", OrganisationType(p.Kind)),
                Narratives("x", ("fr", p.NameFr), ("ar", p.NameAr), ("en", p.NameEn)).Elements()))),
            new XElement("participating-org", new XAttribute("ref", AgencyRef), new XAttribute("role", "4"), new XAttribute("type", "10"), new XElement("narrative", AgencyName)),
            new XElement("activity-status", new XAttribute("code", ActivityStatus(c.Status))),
            Dates(c).Select(d => new XElement("activity-date", new XAttribute("iso-date", D(d.Date)), new XAttribute("type", d.Type))),
            new XElement("recipient-country", new XAttribute("code", "MA"), new XAttribute("percentage", "100")),
            c.Regions.Select(r => new XElement("location", new XAttribute("ref", r.Code),
                Narratives("name", ("fr", r.NameFr), ("ar", r.NameAr), ("en", r.NameEn)),
                new XElement("administrative", new XAttribute("vocabulary", "G1"), new XAttribute("level", "1"), new XAttribute("code", r.Code)))),
            SectorElements(c.Themes),
            c.StartDate is { } start && c.EndDate is { } end && end > start
                ? new XElement("budget", new XAttribute("type", "1"), new XAttribute("status", c.Status is ConventionStatus.Signed or ConventionStatus.InForce or ConventionStatus.Closed or ConventionStatus.Suspended ? "2" : "1"),
                    new XElement("period-start", new XAttribute("iso-date", D(start))), new XElement("period-end", new XAttribute("iso-date", D(end))),
                    new XElement("value", new XAttribute("currency", c.Currency.ToString()), new XAttribute("value-date", D(c.SignatureDate ?? start)), c.Budget.ToString("0.##", Inv)))
                : null,
            report.Rows.Count == 0 ? null : new XElement("result", new XAttribute("type", "1"), new XAttribute("aggregation-status", "1"),
                Narratives("title", ("fr", "Résultats de la convention"), ("ar", "نتائج الاتفاقية"), ("en", "Convention results")),
                report.Rows.Select(r => Indicator(r, report.Period, Narratives, D))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("iati-activities", new XAttribute("version", "2.03"), new XAttribute("generated-datetime", now.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv)), activity));
    }

    private static XElement Indicator(ReportRow r, ReportPeriod period, Func<string, (string, string?)[], XElement> narratives, Func<DateOnly, string> d)
    {
        var actuals = new List<XElement>();
        if (!r.Actual.TotalSuppressed)
        {
            actuals.Add(new XElement("actual", new XAttribute("value", r.Actual.Total.ToString("0.##", Inv))));
        }
        // Dimensions: sex and age (the cells hidden from partners are left out, not rounded).
        foreach (var (dimension, name) in new[] { (Dimensions.Sex, "sex"), (Dimensions.Age, "age") })
        {
            foreach (var cell in (r.Actual.By(dimension)?.Cells ?? []).Where(c => !c.Suppressed && c.Key != "unknown"))
            {
                actuals.Add(new XElement("actual", new XAttribute("value", cell.Value.ToString(Inv)),
                    new XElement("dimension", new XAttribute("name", name), new XAttribute("value", cell.Key))));
            }
        }
        return new XElement("indicator", new XAttribute("measure", "1"), new XAttribute("ascending", r.Kind == IndicatorKind.Dropouts ? "0" : "1"),
            narratives("title", [("fr", r.TitleFr), ("ar", r.TitleAr), ("en", r.TitleEn)]),
            new XElement("baseline", new XAttribute("year", (r.BaselineYear ?? period.Year - 1).ToString(Inv)), new XAttribute("value", r.Baseline.ToString("0.##", Inv))),
            new XElement("period",
                new XElement("period-start", new XAttribute("iso-date", d(period.Start))),
                new XElement("period-end", new XAttribute("iso-date", d(period.LastDay))),
                r.Target is { } target ? new XElement("target", new XAttribute("value", target.ToString("0.##", Inv))) : null,
                actuals));
    }

    private static IEnumerable<(DateOnly Date, int Type)> Dates(ConventionSummary c)
    {
        // ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
        var started = c.Status is ConventionStatus.InForce or ConventionStatus.Suspended or ConventionStatus.Closed;
        if (c.StartDate is { } s)
        {
            yield return (s, started ? 2 : 1);
        }
        else
        {
            yield return (c.SignatureDate ?? new DateOnly(2000, 1, 1), 1);
        }
        if (c.EndDate is { } e)
        {
            yield return (e, c.Status == ConventionStatus.Closed ? 4 : 3);
        }
    }

    private static IEnumerable<XElement> SectorElements(ConventionTheme themes)
    {
        var codes = Sectors.Where(s => themes.HasFlag(s.Key)).Select(s => s.Value).ToList();
        if (codes.Count == 0)
        {
            yield break;
        }
        // Percentages add up to 100 exactly (the remainder goes to the first sector).
        var each = 100 / codes.Count;
        for (var i = 0; i < codes.Count; i++)
        {
            yield return new XElement("sector", new XAttribute("vocabulary", "1"), new XAttribute("code", codes[i]),
                new XAttribute("percentage", (i == 0 ? 100 - each * (codes.Count - 1) : each).ToString(Inv)));
        }
    }

    public static byte[] ToBytes(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            document.Save(writer);
        }
        return stream.ToArray();
    }
}
