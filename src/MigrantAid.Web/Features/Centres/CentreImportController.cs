using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Tabular;

namespace MigrantAid.Web.Features.Centres;

/// <summary>
/// Import of the centre referential from CSV: upsert by centre code, a report line per row,
/// and all or nothing — one bad row and no centre is changed.
/// </summary>
[Authorize(Permissions.ReferenceDataManage)]
public sealed class CentreImportController(AppDbContext db, IStringLocalizer<SharedResource> l, ILogger<CentreImportController> logger) : Controller
{
    // The page lives with the rest of the centres feature.
    private const string ViewName = "~/Features/Centres/Import.cshtml";
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public static readonly string[] Columns = ["code", "name", "name_ar", "kind", "region", "province", "city", "address", "capacity", "trades"];

    public IActionResult Index(bool tooLarge = false) =>
        View(ViewName, new CentreImportReport([], false, tooLarge ? l["Import.TooBig", MaxFileBytes / 1024 / 1024].Value : null));

    [HttpPost, UploadLimit(MaxFileBytes, "~/CentreImport?tooLarge=true")]
    public async Task<IActionResult> Index(IFormFile? file, [FromServices] IOptions<TabularLimits> limits, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > MaxFileBytes || !TabularReader.IsSupported(file.FileName))
        {
            return View(ViewName, new CentreImportReport([], false, l["CentreImport.FileRequired"].Value));
        }
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        // The same reader as every import: encoding and separator detected, XLSX too, rows capped.
        List<TabularRow> rows;
        string[] header;
        try
        {
            var table = TabularReader.Open(content.ToArray(), file.FileName, limits.Value);
            header = table.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            rows = table.Rows.ToList();
        }
        catch (TabularException e)
        {
            return View(ViewName, new CentreImportReport([], false, e.Problem switch
            {
                TabularProblem.TooManyRows => l["Import.TooManyRows", limits.Value.MaxRows].Value,
                TabularProblem.Undecodable => l["Import.Undecodable", e.Line].Value,
                TabularProblem.TooLarge => l["Import.TooLarge"].Value,
                _ => l["Import.Unreadable"].Value,
            }));
        }
        var missing = Columns.Take(4).Concat(["city"]).Where(c => !header.Contains(c)).ToList();
        if (rows.Count < 1 || missing.Count > 0)
        {
            return View(ViewName, new CentreImportReport([], false, l["CentreImport.BadHeader", string.Join(", ", Columns)].Value));
        }
        var col = Columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        string Cell(string?[] row, string name) => col[name] is var i && i >= 0 && i < row.Length ? row[i]?.Trim() ?? "" : "";

        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Id, StringComparer.OrdinalIgnoreCase, ct);
        var provinces = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Code, p => (p.Id, p.RegionId), StringComparer.OrdinalIgnoreCase, ct);
        var trades = await db.Trades.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Id, StringComparer.OrdinalIgnoreCase, ct);
        var codes = rows.Select(r => Cell(r.Cells, "code")).Where(c => c.Length > 0).ToList();
        var existing = await db.TrainingCentres.Include(c => c.Trades).Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = new List<CentreImportLine>();

        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[n].Cells;
            var errors = new List<string>();
            var code = Cell(row, "code");
            var name = Cell(row, "name");
            var city = Cell(row, "city");
            if (code.Length == 0 || code.Length > TrainingCentre.CodeMaxLength) errors.Add(l["CentreImport.CodeInvalid"]);
            else if (!seen.Add(code)) errors.Add(l["CentreImport.CodeTwice"]);
            if (name.Length == 0 || name.Length > TrainingCentre.NameMaxLength) errors.Add(l["Centres.NameRequired"]);
            if (Cell(row, "name_ar").Length > TrainingCentre.NameMaxLength) errors.Add(l["Centres.TooLong", TrainingCentre.NameMaxLength]);
            if (city.Length == 0 || city.Length > TrainingCentre.CityMaxLength) errors.Add(l["Centres.CityRequired"]);
            if (Cell(row, "address").Length > TrainingCentre.AddressMaxLength) errors.Add(l["Centres.TooLong", TrainingCentre.AddressMaxLength]);
            if (!Enum.TryParse<CentreKind>(Cell(row, "kind"), true, out var kind) || !Enum.IsDefined(kind)) errors.Add(l["CentreImport.KindUnknown", Cell(row, "kind")]);
            if (!regions.TryGetValue(Cell(row, "region"), out var regionId)) errors.Add(l["CentreImport.RegionUnknown", Cell(row, "region")]);
            int? provinceId = null;
            if (Cell(row, "province") is { Length: > 0 } pc)
            {
                if (provinces.TryGetValue(pc, out var p) && p.RegionId == regionId) provinceId = p.Id;
                else errors.Add(l["Centres.ProvinceNotInRegion"]);
            }
            var capacity = 0;
            if (Cell(row, "capacity") is { Length: > 0 } cap && (!int.TryParse(cap, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out capacity) || capacity > 100_000))
            {
                errors.Add(l["Centres.CapacityRequired"]);
            }
            var tradeIds = new List<int>();
            foreach (var tc in Cell(row, "trades").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (trades.TryGetValue(tc, out var id)) tradeIds.Add(id);
                else errors.Add(l["CentreImport.TradeUnknown", tc]);
            }
            if (errors.Count > 0)
            {
                lines.Add(new CentreImportLine(rows[n].Line, code, CentreImportOutcome.Error, errors));
                continue;
            }
            var isNew = !existing.TryGetValue(code, out var centre);
            centre ??= new TrainingCentre();
            new CentreForm
            {
                Version = centre.Version, Code = code, Name = name, NameArabic = Cell(row, "name_ar"), Kind = kind, RegionId = regionId,
                ProvinceId = provinceId, City = city, Address = Cell(row, "address"), Capacity = capacity,
                TradeIds = tradeIds.Count > 0 || isNew ? tradeIds : centre.Trades.Select(t => t.TradeId).ToList(),
            }.ApplyTo(centre);
            if (isNew)
            {
                db.TrainingCentres.Add(centre);
            }
            lines.Add(new CentreImportLine(rows[n].Line, code, isNew ? CentreImportOutcome.Created : CentreImportOutcome.Updated, []));
        }

        var ok = lines.All(x => x.Outcome != CentreImportOutcome.Error);
        if (ok)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Centre referential imported: {Created} created, {Updated} updated",
                lines.Count(x => x.Outcome == CentreImportOutcome.Created), lines.Count(x => x.Outcome == CentreImportOutcome.Updated));
        }
        return View(ViewName, new CentreImportReport(lines, ok, ok ? null : l["CentreImport.NothingSaved"].Value));
    }
}

public enum CentreImportOutcome { Created, Updated, Error }
public sealed record CentreImportLine(int Line, string Code, CentreImportOutcome Outcome, IReadOnlyList<string> Errors);
public sealed record CentreImportReport(IReadOnlyList<CentreImportLine> Lines, bool Saved, string? Message);
