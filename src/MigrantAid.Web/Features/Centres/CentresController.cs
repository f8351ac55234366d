using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Centres;

[Authorize(Permissions.CentresRead)]
public sealed class CentresController(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 25;

    public async Task<IActionResult> Index([FromQuery] CentreFilter filter, int page = 1, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (Request.Query.Count == 0 && user.Scope.Kind == ScopeKind.Region)
        {
            // Regional staff work on their region: the list opens there ("All" stays one click away).
            filter.RegionId = user.RegionId;
        }
        var language = Cultures.Current;
        var query = db.TrainingCentres.AsNoTracking();
        if (filter.RegionId is { } region)
        {
            query = query.Where(c => c.RegionId == region);
        }
        if (filter.ProvinceId is { } province)
        {
            query = query.Where(c => c.ProvinceId == province);
        }
        if (!string.IsNullOrWhiteSpace(filter.City))
        {
            var city = filter.City.Trim();
            query = query.Where(c => c.City.StartsWith(city));
        }
        if (filter.TradeId is { } trade)
        {
            query = query.Where(c => c.Trades.Any(t => t.TradeId == trade));
        }
        if (filter.Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Every folded word of the box must appear in the centre's folded search key
            // (code, names in both scripts, city): case, accents and Arabic letter forms ignored.
            foreach (var word in NameKey.Words(filter.Q).Distinct().Take(6))
            {
                query = query.Where(c => c.SearchKey.Contains(word));
            }
        }
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new CentreRow(c.Id, c.Code, c.Name, c.Kind, c.City,
                language == "ar" ? c.Region!.NameAr : language == "en" ? c.Region!.NameEn : c.Region!.NameFr,
                c.Capacity, c.Trades.Count))
            .ToListAsync(ct);
        return View(new CentreListViewModel(filter, page, total, PageSize, rows, await OptionsAsync(ct)));
    }

    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var model = await LoadDetailsAsync(id, new OfferForm { AcademicYear = AcademicYear.Of(clock.Today()) }, ct);
        return model is null ? NotFound() : View(model);
    }

    private async Task<CentreDetailsViewModel?> LoadDetailsAsync(int id, OfferForm offerForm, CancellationToken ct)
    {
        var language = Cultures.Current;
        var centre = await db.TrainingCentres.AsNoTracking().Include(c => c.Region).Include(c => c.Province)
            .Include(c => c.Trades).ThenInclude(t => t.Trade).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (centre is null)
        {
            return null;
        }
        var thisYear = AcademicYear.Of(clock.Today());
        var offers = await db.CentreOffers.AsNoTracking().Where(o => o.TrainingCentreId == id)
            .OrderByDescending(o => o.AcademicYear).ThenBy(o => o.TradeId).ThenBy(o => o.DiplomaTrackId)
            .Select(o => new { o.AcademicYear, o.TradeId, o.DiplomaTrackId, o.Capacity }).ToListAsync(ct);
        // Head-counts only, never a person: shown to anyone who may see the centre, hence read
        // across the row scope.
        // Scope bypass: head-counts per offer, never a person, shown to anyone who may see the centre.
        var counts = await db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(e => e.TrainingCentreId == id && e.Status != EnrolmentStatus.Applied && e.Status != EnrolmentStatus.Declined)
            .GroupBy(e => new { e.AcademicYear, e.TradeId, e.DiplomaTrackId })
            .Select(g => new { g.Key.AcademicYear, g.Key.TradeId, g.Key.DiplomaTrackId, Count = g.Count(), Migrants = g.Select(e => e.MigrantId).Distinct().Count() })
            .ToListAsync(ct);
        // Scope bypass: head-counts per year, never a person.
        var perYear = await db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(e => e.TrainingCentreId == id && e.Status != EnrolmentStatus.Applied && e.Status != EnrolmentStatus.Declined)
            .GroupBy(e => e.AcademicYear)
            .Select(g => new YearCount(g.Key, g.Select(e => e.MigrantId).Distinct().Count(),
                g.Count(e => e.Status == EnrolmentStatus.Completed || e.Status == EnrolmentStatus.Certified),
                g.Count(e => e.Status == EnrolmentStatus.DroppedOut)))
            .ToListAsync(ct);
        var directorRole = await db.Roles.Where(r => r.Name == Roles.CentreDirector).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var directors = await db.Users.Where(u => u.TrainingCentreId == id && u.IsActive
                && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == directorRole))
            .OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(ct);
        var names = await ReferenceNamesAsync(ct);
        var offerRows = offers.Select(o =>
        {
            var c = counts.FirstOrDefault(x => x.AcademicYear == o.AcademicYear && x.TradeId == o.TradeId && x.DiplomaTrackId == o.DiplomaTrackId);
            return new OfferRow(o.AcademicYear, names.Trade(o.TradeId), names.Track(o.DiplomaTrackId), o.Capacity, c?.Count ?? 0);
        }).ToList();
        return new CentreDetailsViewModel(centre, centre.Region?.Name(language) ?? "", centre.Province?.Name(language),
            centre.Trades.Select(t => t.Trade!.Name(language)).Order(StringComparer.CurrentCulture).ToList(),
            offerRows, perYear.OrderByDescending(y => y.Year).ToList(), directors, thisYear,
            perYear.FirstOrDefault(y => y.Year == thisYear)?.Apprentices ?? 0,
            user.Scope.MayWorkAtCentre(centre.Id, centre.RegionId), CanEdit(centre.RegionId), names, offerForm);
    }

    [Authorize(Permissions.ReferenceDataManage)]
    public async Task<IActionResult> Create(CancellationToken ct) => await FormView(new CentreForm(), null, ct);

    [HttpPost, Authorize(Permissions.ReferenceDataManage)]
    public async Task<IActionResult> Create(CentreForm form, [FromServices] IValidator<CentreForm> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await ValidateAsync(form, validator, null, ct))
        {
            return await FormView(form, null, ct);
        }
        var centre = new TrainingCentre();
        form.ApplyTo(centre);
        db.TrainingCentres.Add(centre);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Centres.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id = centre.Id });
    }

    [Authorize(Permissions.CentresManage)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var centre = await db.TrainingCentres.AsNoTracking().Include(c => c.Trades).SingleOrDefaultAsync(c => c.Id == id, ct);
        return centre is null || !CanEdit(centre.RegionId) ? NotFound() : await FormView(CentreForm.From(centre), id, ct);
    }

    [HttpPost, Authorize(Permissions.CentresManage)]
    public async Task<IActionResult> Edit(int id, CentreForm form, [FromServices] IValidator<CentreForm> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var centre = await db.TrainingCentres.Include(c => c.Trades).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (centre is null || !CanEdit(centre.RegionId))
        {
            return NotFound();
        }
        if (!await ValidateAsync(form, validator, id, ct))
        {
            return await FormView(form, id, ct);
        }
        form.ApplyTo(centre);
        if (!await db.SaveWithVersionAsync(centre, form.Version, ct))
        {
            ModelState.AddModelError("", l["Centres.ConcurrencyConflict"]);
            return await FormView(form, id, ct);
        }
        TempData["Success"] = l["Centres.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Adds (or re-sizes) an offer: a trade in a track for an academic year, with its places.</summary>
    [HttpPost, Authorize(Permissions.ReferenceDataManage)]
    public async Task<IActionResult> SaveOffer(int id, OfferForm form, [FromServices] IValidator<OfferForm> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var centre = await db.TrainingCentres.Include(c => c.Trades).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (centre is null)
        {
            return NotFound();
        }
        var result = await validator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            result.AddTo(ModelState);
            db.ChangeTracker.Clear();
            return View(nameof(Details), (await LoadDetailsAsync(id, form, ct))!);
        }
        if (!await db.Trades.AnyAsync(t => t.Id == form.TradeId, ct) || !await db.DiplomaTracks.AnyAsync(t => t.Id == form.DiplomaTrackId, ct))
        {
            return BadRequest();
        }
        var offer = await db.CentreOffers.SingleOrDefaultAsync(o => o.TrainingCentreId == id && o.TradeId == form.TradeId
            && o.DiplomaTrackId == form.DiplomaTrackId && o.AcademicYear == form.AcademicYear, ct);
        if (offer is null)
        {
            offer = new CentreOffer { TrainingCentreId = id, TradeId = form.TradeId!.Value, DiplomaTrackId = form.DiplomaTrackId!.Value, AcademicYear = form.AcademicYear!.Value };
            db.CentreOffers.Add(offer);
        }
        offer.Capacity = form.Capacity!.Value;
        // Offering a trade means the centre teaches it.
        if (centre.Trades.All(t => t.TradeId != offer.TradeId))
        {
            centre.Trades.Add(new CentreTrade { TradeId = offer.TradeId });
        }
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Centres.OfferSaved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Administrator: any centre; RegionalManager: the centres of their region.</summary>
    private bool CanEdit(int regionId) =>
        user.Has(Permissions.CentresManage) && user.Scope.CoversRegion(regionId);

    private async Task<bool> ValidateAsync(CentreForm form, IValidator<CentreForm> validator, int? id, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        result.AddTo(ModelState);
        if (form.RegionId is { } region && !CanEdit(region))
        {
            ModelState.AddModelError(nameof(form.RegionId), l["Centres.RegionOutOfScope"]);
        }
        if (form.ProvinceId is { } province && !await db.Provinces.AnyAsync(p => p.Id == province && p.RegionId == form.RegionId, ct))
        {
            ModelState.AddModelError(nameof(form.ProvinceId), l["Centres.ProvinceNotInRegion"]);
        }
        // A posted trade id must be a trade (an unknown one would break the save on its foreign key).
        var tradeIds = form.TradeIds.Distinct().ToList();
        if (tradeIds.Count > 0 && await db.Trades.CountAsync(t => tradeIds.Contains(t.Id), ct) != tradeIds.Count)
        {
            ModelState.AddModelError(nameof(form.TradeIds), l["Centres.TradeUnknown"]);
        }
        if (!string.IsNullOrWhiteSpace(form.Code) && await db.TrainingCentres.AnyAsync(c => c.Code == form.Code.Trim() && c.Id != id, ct))
        {
            ModelState.AddModelError(nameof(form.Code), l["Centres.CodeTaken"]);
        }
        return ModelState.IsValid;
    }

    private async Task<IActionResult> FormView(CentreForm form, int? id, CancellationToken ct)
    {
        ViewData["Options"] = await OptionsAsync(ct);
        ViewData["CentreId"] = id;
        return View("Edit", form);
    }

    private async Task<CentreFilterOptions> OptionsAsync(CancellationToken ct)
    {
        var language = Cultures.Current;
        var regions = await db.Regions.AsNoTracking().ToListAsync(ct);
        var provinces = await db.Provinces.AsNoTracking().ToListAsync(ct);
        var trades = await db.Trades.AsNoTracking().ToListAsync(ct);
        return new CentreFilterOptions(
            regions.Select(r => new Option(r.Id, r.Name(language))).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList(),
            provinces.Select(p => new Option(p.Id, p.Name(language))).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList(),
            trades.Select(t => new Option(t.Id, t.Name(language))).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList());
    }

    private async Task<ReferenceNames> ReferenceNamesAsync(CancellationToken ct)
    {
        var language = Cultures.Current;
        var trades = await db.Trades.AsNoTracking().ToListAsync(ct);
        var tracks = await db.DiplomaTracks.AsNoTracking().ToListAsync(ct);
        return new ReferenceNames(
            trades.OrderBy(t => t.Name(language), StringComparer.CurrentCulture).ToDictionary(t => t.Id, t => t.Name(language)),
            tracks.OrderBy(t => t.DurationMonths).ToDictionary(t => t.Id, t => t.Name(language)));
    }
}

public sealed class CentreFilter
{
    public string? Q { get; set; }
    public int? RegionId { get; set; }
    public int? ProvinceId { get; set; }
    public string? City { get; set; }
    public int? TradeId { get; set; }
    public CentreKind? Kind { get; set; }
}

public sealed record Option(int Id, string Name);
public sealed record CentreFilterOptions(IReadOnlyList<Option> Regions, IReadOnlyList<Option> Provinces, IReadOnlyList<Option> Trades);
public sealed record CentreRow(int Id, string Code, string Name, CentreKind Kind, string City, string Region, int Capacity, int TradeCount);
public sealed record CentreListViewModel(CentreFilter Filter, int Page, int Total, int PageSize, IReadOnlyList<CentreRow> Rows, CentreFilterOptions Options)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record OfferRow(int AcademicYear, string Trade, string Track, int Capacity, int Enrolled);
public sealed record YearCount(int Year, int Apprentices, int Completed, int DroppedOut);
public sealed record CentreDetailsViewModel(TrainingCentre Centre, string Region, string? Province, IReadOnlyList<string> Trades,
    IReadOnlyList<OfferRow> Offers, IReadOnlyList<YearCount> Years, IReadOnlyList<string> Directors, int ThisYear, int ApprenticesThisYear,
    bool CanWork, bool CanEdit, ReferenceNames Names, OfferForm OfferForm);
