using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Centres;

[Authorize(Policy = Policies.ViewCentres)]
public sealed class CentresController(AppDbContext db) : Controller
{
    public const int PageSize = 25;

    public async Task<IActionResult> Index(string? q, int? regionId, int page = 1, CancellationToken ct = default)
    {
        var language = Cultures.Current;
        var query = db.TrainingCentres.AsNoTracking();
        if (regionId is { } region)
        {
            query = query.Where(c => c.RegionId == region);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(c => c.Code.StartsWith(term) || c.Name.Contains(term) || c.City.StartsWith(term));
        }
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new CentreRow(c.Id, c.Code, c.Name, c.Kind, c.City,
                language == "ar" ? c.Region!.NameAr : language == "en" ? c.Region!.NameEn : c.Region!.NameFr,
                c.Capacity, c.Trades.Count))
            .ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.NameFr).ToListAsync(ct);
        return View(new CentreListViewModel(q, regionId, page, total, PageSize, rows,
            regions.Select(r => new RegionOption(r.Id, r.Name(language))).ToList()));
    }
}

public sealed record CentreRow(int Id, string Code, string Name, CentreKind Kind, string City, string Region, int Capacity, int TradeCount);
public sealed record RegionOption(int Id, string Name);
public sealed record CentreListViewModel(
    string? Query, int? RegionId, int Page, int Total, int PageSize, IReadOnlyList<CentreRow> Rows, IReadOnlyList<RegionOption> Regions)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
