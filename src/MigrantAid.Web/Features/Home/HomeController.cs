using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Home;

[Authorize]
public sealed class HomeController(AppDbContext db, CurrentUser user) : Controller
{
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var language = Cultures.Current;
        var regionName = user.RegionId is { } regionId
            ? (await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == regionId, ct))?.Name(language)
            : null;
        var centreName = user.CentreId is { } centreId
            ? await db.TrainingCentres.Where(c => c.Id == centreId).Select(c => c.Name).SingleOrDefaultAsync(ct)
            : null;
        var partnerName = user.PartnerId is { } partnerId
            ? (await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, ct))?.Name(language)
            : null;

        var model = new HomeViewModel(user.DisplayName, user.RoleName ?? "", regionName, centreName, partnerName);
        return View(model);
    }
}

/// <summary>Who is signed in and on what; the page's blocks are the features' home widgets (work first).</summary>
public sealed record HomeViewModel(string DisplayName, string Role, string? RegionName, string? CentreName, string? PartnerName);
