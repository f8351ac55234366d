using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>Residence-card data is legal status, so sensitive. Regularised migrants whose residence card has expired or expires within 60 days, in the user's region.</summary>
[Authorize(Permissions.MigrantsReadSensitive)]
[Route("Migrants/Expiring")]
public sealed class ExpiringController(AppDbContext db, CurrentUser user, TimeProvider clock, ReferenceCache reference) : Controller
{
    public const int WindowDays = 60;
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(int? regionId, int page = 1, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var limit = today.AddDays(WindowDays);
        var query = db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null && m.AdministrativeStatus == AdministrativeStatus.Regularised
            && m.ResidenceCardExpiry != null && m.ResidenceCardExpiry <= limit);
        if (regionId is { } r)
        {
            query = query.Where(m => m.RegionId == r);
        }
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderBy(m => m.ResidenceCardExpiry).ThenBy(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new ExpiringRow(m.Id, m.FileNumber, m.FamilyName + " " + m.GivenName, m.ResidenceCardNumber, m.ResidenceCardExpiry!.Value, m.Phone, m.City))
            .ToListAsync(ct);
        return View("~/Features/Migrants/Expiring.cshtml", new ExpiringViewModel(today, regionId, page, pages, total, rows,
            await MigrantOptions.LoadAsync(db, user, reference, ct)));
    }
}

public sealed record ExpiringRow(int Id, string FileNumber, string Name, string? CardNumber, DateOnly Expiry, string? Phone, string? City);

public sealed record ExpiringViewModel(DateOnly Today, int? RegionId, int Page, int PageCount, int Total, IReadOnlyList<ExpiringRow> Rows, MigrantOptions Options);
