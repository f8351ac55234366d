using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Tabular;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Dashboard;

public sealed record NamedCount(int Id, string Name, int Count);

public sealed record DashboardViewModel(
    DashboardFilter Filter, string Month, string? RegionName, string? CentreName, IReadOnlyList<NamedCount> Regions,
    IReadOnlyList<NamedCount> Centres, IReadOnlyList<DashboardSectionResult> Sections, bool MayPickRegion,
    DateTimeOffset? FiguresAsOf = null, bool FiguresPending = false);

/// <summary>
/// Regional, national and centre dashboards: counts only (no person), under the viewer's row
/// scope. A regional manager sees their region, a director their centre; national roles pick a
/// region or see them side by side, and anyone may drill down to a centre they may see.
/// </summary>
[Authorize(Permissions.DashboardsRead)]
public sealed class DashboardController(AppDbContext db, CurrentUser user, TimeProvider clock, IEnumerable<IDashboardSection> sections,
    DashboardFigures figures, FiguresTrigger trigger, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : Controller
{
    public async Task<IActionResult> Index(int? regionId, int? centreId, PeriodKind period = PeriodKind.AcademicYear, string? month = null, CancellationToken ct = default)
    {
        var filter = await FilterAsync(regionId, centreId, period, month, ct);
        if (filter is null)
        {
            return NotFound();
        }
        // A region or the country is read from the summary rows: before their first refresh,
        // say the figures are being prepared rather than show zeros (a centre is counted live).
        var asOf = await figures.AsOfAsync(ct);
        var pending = asOf is null && filter.CentreId is null;
        var built = new List<DashboardSectionResult>();
        foreach (var section in pending ? Enumerable.Empty<IDashboardSection>() : sections.OrderBy(s => s.Order))
        {
            if (await section.BuildAsync(filter, ct) is { } result)
            {
                built.Add(result);
            }
        }
        var language = Cultures.Current;
        var regions = filter.Scope.IsNational
            ? (await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct)).Select(r => new NamedCount(r.Id, r.Name(language), 0)).ToList()
            : [];
        var regionName = filter.RegionId is { } rid ? (await db.Regions.AsNoTracking().SingleAsync(r => r.Id == rid, ct)).Name(language) : null;
        var centreName = filter.CentreId is { } cid ? await db.TrainingCentres.Where(c => c.Id == cid).Select(c => c.Name).SingleAsync(ct) : null;
        var centres = filter.CentreId is null && filter.RegionId is not null ? await CentresAsync(filter, ct) : [];
        var model = new DashboardViewModel(filter, filter.Period.From.ToString("yyyy-MM", CultureInfo.InvariantCulture), regionName, centreName,
            regions, centres, built, filter.Scope.IsNational, filter.CentreId is null ? asOf?.RefreshedAt : clock.GetUtcNow(), pending);
        return View(model);
    }

    /// <summary>Asks the background job to rebuild the figures now (administrators); the page says when they are from.</summary>
    [HttpPost, ValidateAntiForgeryToken, Authorize(Permissions.ReferenceDataManage)]
    public IActionResult Refresh()
    {
        trigger.RequestNow();
        TempData["Success"] = l["Dashboard.RefreshRequested"].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The figures of one chart, as CSV or XLSX (what the table shows, nothing more).</summary>
    public async Task<IActionResult> Download(string chart, int? regionId, int? centreId, PeriodKind period = PeriodKind.AcademicYear, string? month = null,
        string format = "csv", CancellationToken ct = default)
    {
        var filter = await FilterAsync(regionId, centreId, period, month, ct);
        if (filter is null)
        {
            return NotFound();
        }
        DashboardChart? found = null;
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            found = (await section.BuildAsync(filter, ct))?.Charts.FirstOrDefault(c => c.Id == chart);
            if (found is not null) break;
        }
        if (found is null)
        {
            return NotFound();
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"dashboard-{found.Id}-{filter.Period.From:yyyy-MM}-{filter.Period.Kind.ToString().ToLowerInvariant()}");
        if (format == "xlsx")
        {
            var rows = found.Labels.Select((label, i) =>
            {
                var row = new Dictionary<string, object?> { [found.Title] = label };
                foreach (var s in found.Series) row[s.Label] = s.Has(i) ? s.Values[i] : null;
                return row;
            }).ToList();
            var stream = new MemoryStream();
            await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, rows, cancellationToken: ct);
            stream.Position = 0;
            return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }
        // The shared CSV writer: ';' and a BOM for Excel in a French locale, ',' on request.
        using var body = new MemoryStream();
        await using (var writer = CsvTableWriter.Create(body, [found.Title, .. found.Series.Select(s => s.Label)], CsvTableWriter.Separator(Request.Query["separator"])))
        {
            for (var i = 0; i < found.Labels.Count; i++)
            {
                await writer.WriteRowAsync([found.Labels[i], .. found.Series.Select(s => s.Has(i) ? s.Values[i].ToString(CultureInfo.CurrentCulture) : "")], ct);
            }
            await writer.CompleteAsync(ct);
        }
        return File(body.ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }

    /// <summary>The filter the viewer asked for, narrowed to their scope; null (404) for a region or centre they may not see.</summary>
    private async Task<DashboardFilter?> FilterAsync(int? regionId, int? centreId, PeriodKind period, string? month, CancellationToken ct)
    {
        var scope = user.Scope;
        var today = clock.Today();
        var day = DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : today;
        if (!Enum.IsDefined(period))
        {
            period = PeriodKind.AcademicYear;
        }
        var p = DashboardPeriod.Containing(period, day);
        switch (scope.Kind)
        {
            case ScopeKind.Centre:
                if (centreId is not null && centreId != scope.CentreId) return null;
                return new DashboardFilter(scope, null, scope.CentreId, p, today);
            case ScopeKind.Region:
                if (regionId is not null && regionId != scope.RegionId) return null;
                regionId = scope.RegionId;
                break;
            case ScopeKind.National or ScopeKind.System:
                if (regionId is { } r && !await db.Regions.AnyAsync(x => x.Id == r, ct)) return null;
                break;
            default:
                return null;
        }
        if (centreId is { } c)
        {
            var centre = await db.TrainingCentres.AsNoTracking().Where(x => x.Id == c).Select(x => new { x.Id, x.RegionId }).SingleOrDefaultAsync(ct);
            if (centre is null || !scope.MayWorkAtCentre(centre.Id, centre.RegionId) || (regionId is { } rr && rr != centre.RegionId))
            {
                return null;
            }
        }
        return new DashboardFilter(scope, regionId, centreId, p, today);
    }

    /// <summary>The region's centres with enrolments during the period, to drill down (from the summary rows).</summary>
    private async Task<List<NamedCount>> CentresAsync(DashboardFilter f, CancellationToken ct)
    {
        var counts = await figures.TopCentresAsync(f.RegionId!.Value, f.Period, 20, ct);
        var ids = counts.Select(x => x.CentreId).ToList();
        var names = await db.TrainingCentres.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return counts.Select(x => new NamedCount(x.CentreId, names.GetValueOrDefault(x.CentreId, ""), (int)x.Count)).ToList();
    }
}
