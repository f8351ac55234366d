using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Activities;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using QRCoder;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>
/// Aid handed out at the region's sites: registered recipients by file number and head-counts
/// of people not registered; no double aid without a recorded decision. Region-scoped: out of
/// scope is 404; so is a distribution's page for the roles that see no distribution at all
/// (directors, partners: for them the record does not exist), the other pages answer 403.
/// </summary>
[Authorize]
[Route("Distributions/[action]/{id:int?}")]
public sealed class DistributionsController(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l, AidRepeats repeats) : Controller
{
    private const int PageSize = 25;
    private const int SearchResults = 10;

    [HttpGet("/Distributions")]
    [HttpGet]
    [Authorize(Permissions.AidRead)]
    public async Task<IActionResult> Index(int? siteId, AidKind? kind, int page = 1, CancellationToken ct = default)
    {
        var query = db.AidDistributions.AsNoTracking();
        if (siteId is { } s)
        {
            query = query.Where(d => d.AidSiteId == s);
        }
        if (kind is { } k)
        {
            query = query.Where(d => d.Kind == k);
        }
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new DistributionRow(d.Id, d.Date, d.Site!.Name + ", " + d.Site.City, d.Kind, d.ActualQuantity, d.Unit,
                d.Recipients.Count, d.UnregisteredGirls + d.UnregisteredBoys + d.UnregisteredWomen + d.UnregisteredMen))
            .ToListAsync(ct);
        return View(new DistributionListViewModel(rows, await SitesAsync(ct), siteId, kind, total,
            new Pager(page, pageCount, p => Url.Action(nameof(Index), new { siteId, kind, page = p })!)));
    }

    [HttpGet]
    [Authorize(Permissions.AidDistribute)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        await FormPage(new DistributionForm { Date = clock.Today(), DistributedBy = user.DisplayName, UnregisteredGirls = 0, UnregisteredBoys = 0, UnregisteredWomen = 0, UnregisteredMen = 0, PlannedRecipients = 0 }, null, ct);

    [HttpPost]
    [Authorize(Permissions.AidDistribute)]
    public async Task<IActionResult> Create(DistributionForm form, [FromServices] IValidator<DistributionForm> validator, CancellationToken ct)
    {
        var site = await ValidateAsync(form, validator, ct);
        if (site is null)
        {
            return await FormPage(form, null, ct);
        }
        var d = new AidDistribution();
        Apply(form, site, d);
        db.AidDistributions.Add(d);
        await db.SaveChangesAsync(ct);
        await ConventionAttributions.SetAsync(db, AttributedRecordKind.AidDistribution, d.Id, form.ConventionIds, ct);
        TempData["Success"] = l["Distributions.Saved"].Value;
        return Redirect($"~/Distributions/Details/{d.Id}");
    }

    /// <summary>Corrects a saved distribution (audited by the save; a concurrent edit is refused with the form kept).</summary>
    [HttpGet]
    [Authorize(Permissions.AidDistribute)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var d = await db.AidDistributions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return NotFound();
        }
        var conventionIds = await db.ConventionAttributions.AsNoTracking()
            .Where(x => x.RecordKind == AttributedRecordKind.AidDistribution && x.RecordId == id).Select(x => x.PartnerConventionId).ToListAsync(ct);
        return await FormPage(DistributionForm.From(d, conventionIds), id, ct);
    }

    [HttpPost]
    [Authorize(Permissions.AidDistribute)]
    public async Task<IActionResult> Edit(int id, DistributionForm form, [FromServices] IValidator<DistributionForm> validator, CancellationToken ct)
    {
        var d = await db.AidDistributions.Include(x => x.Recipients).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return NotFound();
        }
        var site = await ValidateAsync(form, validator, ct);
        if (site is null)
        {
            return await FormPage(form, id, ct);
        }
        Apply(form, site, d);
        // The registered recipients belong to the distribution's region (a site moved to another region takes them along).
        d.Recipients.ForEach(r => r.RegionId = d.RegionId);
        if (!await db.SaveWithVersionAsync(d, form.Version ?? Guid.Empty, ct))
        {
            ModelState.AddModelError("", l["Distributions.EditConflict"]);
            return await FormPage(form, id, ct);
        }
        await ConventionAttributions.SetAsync(db, AttributedRecordKind.AidDistribution, d.Id, form.ConventionIds, ct);
        TempData["Success"] = l["Distributions.Updated"].Value;
        return Redirect($"~/Distributions/Details/{d.Id}");
    }

    /// <summary>A recipient list (CSV or XLSX of file numbers) added in one go, answered row by row; the same list twice is refused.</summary>
    [HttpPost]
    [Authorize(Permissions.AidDistribute)]
    [RequestSizeLimit(2 * RecipientListUpload.MaxBytes)]
    public async Task<IActionResult> Upload(int id, IFormFile? list, [FromServices] RecipientListUpload upload, CancellationToken ct)
    {
        var d = await db.AidDistributions.AsNoTracking().Include(x => x.Site).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return NotFound();
        }
        if (list is null || list.Length == 0 || list.Length > RecipientListUpload.MaxBytes)
        {
            ModelState.AddModelError("list", l["Distributions.UploadUnreadable"]);
            return (await DetailsPage(id, new RecipientForm(), null, ct))!;
        }
        using var buffer = new MemoryStream();
        await list.CopyToAsync(buffer, ct);
        var report = await upload.RunAsync(d, list.FileName, buffer.ToArray(), ct);
        if (report.Refusal is { } refusal)
        {
            ModelState.AddModelError("list", report.EarlierUploadAt is { } at ? l[refusal, at.ToLocalTime().ToString("g")] : l[refusal]);
            return (await DetailsPage(id, new RecipientForm(), null, ct))!;
        }
        return View("UploadReport", new UploadReportViewModel(d, report));
    }

    /// <summary>The distribution and its recipients; <paramref name="q"/> searches the registry by name (in the user's scope) for people to add in one click.</summary>
    [HttpGet]
    public async Task<IActionResult> Details(int id, string? q, CancellationToken ct) =>
        user.Has(Permissions.AidRead) && await DetailsPage(id, new RecipientForm(), null, ct, q) is { } page ? page : NotFound();

    [HttpPost]
    [Authorize(Permissions.AidDistribute)]
    public async Task<IActionResult> AddRecipient(int id, RecipientForm form, CancellationToken ct)
    {
        var d = await db.AidDistributions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return NotFound();
        }
        // Typed, scanned from a beneficiary card's QR code (also through an AZERTY keyboard layout) or sent by a search result's button.
        var candidates = ScannedFileNumber.Candidates(form.FileNumber);
        var found = await db.Migrants.AsNoTracking().Where(m => candidates.Contains(m.FileNumber) && m.MergedIntoId == null)
            .Select(m => new { m.Id, m.FileNumber }).ToListAsync(ct);
        var migrant = candidates.Select(c => found.FirstOrDefault(m => m.FileNumber == c)).FirstOrDefault(m => m is not null);
        if (migrant is null)
        {
            ModelState.AddModelError(nameof(form.FileNumber), l["Distributions.FileNotFound"]);
            return (await DetailsPage(id, form, null, ct))!;
        }
        var number = migrant.FileNumber;
        form.FileNumber = number;
        ModelState.Remove(nameof(form.FileNumber));
        if (await db.AidRecipients.AnyAsync(r => r.AidDistributionId == id && r.MigrantId == migrant.Id, ct))
        {
            ModelState.AddModelError(nameof(form.FileNumber), l["Distributions.AlreadyOnList"]);
            return (await DetailsPage(id, form, null, ct))!;
        }
        var earlier = await repeats.EarlierAsync(d, migrant.Id, ct);
        if (earlier is not null && string.IsNullOrWhiteSpace(form.RepeatReason))
        {
            // No double aid without a decision: show the earlier handing-out and ask for a reason; nothing saved.
            return (await DetailsPage(id, form, earlier, ct))!;
        }
        db.AidRecipients.Add(new AidRecipient
        {
            AidDistributionId = id, MigrantId = migrant.Id, RegionId = d.RegionId,
            EarlierDistributionId = earlier?.Id, RepeatReason = earlier is null ? null : form.RepeatReason!.Trim(),
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Distributions.RecipientAdded", number].Value;
        // Back to the file-number field, ready for the next card: a fragment naming a focusable
        // field focuses it (one naming a heading would take the focus away from it in Chromium).
        return Redirect($"~/Distributions/Details/{id}#FileNumber");
    }

    [HttpPost]
    [Authorize(Permissions.AidDistribute)]
    public async Task<IActionResult> RemoveRecipient(int id, int recipientId, CancellationToken ct)
    {
        var r = await db.AidRecipients.SingleOrDefaultAsync(x => x.Id == recipientId && x.AidDistributionId == id, ct);
        if (r is null)
        {
            return NotFound();
        }
        db.AidRecipients.Remove(r);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Distributions.RecipientRemoved"].Value;
        return Redirect($"~/Distributions/Details/{id}#recipients-title");
    }

    /// <summary>A printable beneficiary card: file number, name and a QR code of the file number, so a distribution point finds the person in one scan.</summary>
    [HttpGet("/Distributions/Card/{migrantId:int}")]
    [Authorize(Permissions.AidRead)]
    public async Task<IActionResult> Card(int migrantId, CancellationToken ct)
    {
        var m = await db.Migrants.AsNoTracking().Where(x => x.Id == migrantId)
            .Select(x => new { x.Id, x.FileNumber, x.FamilyName, x.GivenName, x.FamilyNameArabic, x.GivenNameArabic }).SingleOrDefaultAsync(ct);
        if (m is null)
        {
            return NotFound();
        }
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(m.FileNumber, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return View(new BeneficiaryCard(m.Id, m.FileNumber, $"{m.FamilyName} {m.GivenName}",
            m.FamilyNameArabic is null && m.GivenNameArabic is null ? null : $"{m.FamilyNameArabic} {m.GivenNameArabic}".Trim(),
            "data:image/png;base64," + Convert.ToBase64String(png)));
    }

    [HttpGet]
    [Authorize(Permissions.AidRead)]
    public async Task<IActionResult> Reconciliation(int? year, int? month, string? format, CancellationToken ct)
    {
        var today = clock.Today();
        var y = year is >= 2000 and <= 2100 ? year.Value : today.Year;
        var m = month is >= 1 and <= 12 ? month.Value : today.Month;
        var lines = await Reconciliations.ForMonthAsync(db, y, m, ct);
        return format switch
        {
            "csv" => File(await Reconciliations.CsvAsync(lines, l, ct), "text/csv; charset=utf-8", $"reconciliation-{y}-{m:D2}.csv"),
            "xlsx" => File(await Reconciliations.XlsxAsync(lines, l, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"reconciliation-{y}-{m:D2}.xlsx"),
            _ => View(new ReconciliationViewModel(y, m, lines)),
        };
    }

    [HttpGet]
    [Authorize(Permissions.AidRead)]
    public async Task<IActionResult> Sites(CancellationToken ct) => await SitesPage(new SiteForm { RegionId = user.RegionId }, ct);

    [HttpPost]
    [Authorize(Permissions.AidDistribute)]
    public async Task<IActionResult> Sites(SiteForm form, CancellationToken ct)
    {
        var regionId = user.Scope.IsNational ? form.RegionId : user.RegionId;
        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Length > AidSite.NameMaxLength)
        {
            ModelState.AddModelError(nameof(form.Name), l["Distributions.SiteNameRequired"]);
        }
        if (string.IsNullOrWhiteSpace(form.City) || form.City.Length > IncomeActivity.CityMaxLength)
        {
            ModelState.AddModelError(nameof(form.City), l["Activities.CityRequired"]);
        }
        if (regionId is not { } region || !user.Scope.CoversRegion(region) || !await db.Regions.AnyAsync(r => r.Id == region, ct))
        {
            ModelState.AddModelError(nameof(form.RegionId), l["Distributions.RegionRequired"]);
        }
        else if (ModelState.IsValid && await db.AidSites.AnyAsync(s => s.RegionId == region && s.Name == form.Name!.Trim() && s.City == form.City!.Trim(), ct))
        {
            ModelState.AddModelError(nameof(form.Name), l["Distributions.SiteExists"]);
        }
        if (!ModelState.IsValid)
        {
            return await SitesPage(form, ct);
        }
        db.AidSites.Add(new AidSite { Name = form.Name!.Trim(), City = form.City!.Trim(), RegionId = regionId!.Value });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Distributions.SiteAdded"].Value;
        return Redirect("~/Distributions/Sites");
    }

    private async Task<IActionResult?> DetailsPage(int id, RecipientForm form, EarlierAid? earlier, CancellationToken ct, string? q = null)
    {
        var d = await db.AidDistributions.AsNoTracking().Include(x => x.Site).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return null;
        }
        var recipients = await db.AidRecipients.AsNoTracking().Where(r => r.AidDistributionId == id)
            .OrderBy(r => r.Migrant!.FamilyName).ThenBy(r => r.Migrant!.GivenName)
            .Select(r => new RecipientRow(r.Id, r.MigrantId, r.Migrant!.FileNumber, r.Migrant.FamilyName + " " + r.Migrant.GivenName, r.RepeatReason))
            .ToListAsync(ct);
        var conventions = await db.ConventionAttributions.AsNoTracking()
            .Where(x => x.RecordKind == AttributedRecordKind.AidDistribution && x.RecordId == id)
            .Select(x => x.PartnerConvention!.Reference + " — " + x.PartnerConvention.Title).ToListAsync(ct);
        var search = user.Has(Permissions.AidDistribute) && user.Has(Permissions.MigrantsRead) ? await SearchAsync(id, q, ct) : null;
        return View("Details", new DistributionDetailsViewModel(d, recipients, conventions, form, earlier, repeats.PeriodDays(d.Kind)) { Search = search });
    }

    /// <summary>
    /// The registry search of the Migrants feature (names in any order, script or spelling;
    /// numbers too), in the user's row scope, for the few first matches to add in one click.
    /// </summary>
    private async Task<RecipientSearch?> SearchAsync(int id, string? q, CancellationToken ct)
    {
        var text = q?.Trim() ?? "";
        if (text.Length < 2)
        {
            return text.Length == 0 ? null : new RecipientSearch(text, [], false, true);
        }
        var search = new MigrantSearch { Q = text.Length > 100 ? text[..100] : text };
        var query = MigrantSearch.ForScope(search.Apply(db, clock.Today().Year, MigrantAccess.MaySeeSensitive(user)), db, user.Scope);
        var matches = await query.OrderBy(m => m.FamilyName).ThenBy(m => m.GivenName).ThenBy(m => m.Id).Take(SearchResults + 1)
            .Select(m => new RecipientMatch(m.Id, m.FileNumber, m.FamilyName + " " + m.GivenName, m.BirthYear,
                db.AidRecipients.Any(r => r.AidDistributionId == id && r.MigrantId == m.Id)))
            .ToListAsync(ct);
        return new RecipientSearch(text, matches.Take(SearchResults).ToList(), matches.Count > SearchResults, false);
    }

    private async Task<IActionResult> FormPage(DistributionForm form, int? editId, CancellationToken ct) =>
        View("Create", new DistributionFormViewModel(form, await SitesAsync(ct), await ActivityLookups.ConventionsAsync(db, ct), editId));

    /// <summary>The form's rules and the site's scope; the site when all is well, else null with the errors in ModelState.</summary>
    private async Task<AidSite?> ValidateAsync(DistributionForm form, IValidator<DistributionForm> validator, CancellationToken ct)
    {
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        var site = form.AidSiteId is { } siteId ? await db.AidSites.AsNoTracking().SingleOrDefaultAsync(x => x.Id == siteId, ct) : null;
        if (form.AidSiteId is not null && (site is null || !user.Scope.CoversRegion(site.RegionId)))
        {
            ModelState.AddModelError(nameof(form.AidSiteId), l["Distributions.SiteRequired"]);
        }
        return ModelState.IsValid ? site : null;
    }

    private static void Apply(DistributionForm form, AidSite site, AidDistribution d)
    {
        d.Date = form.Date!.Value;
        d.AidSiteId = site.Id;
        d.RegionId = site.RegionId;
        d.Kind = form.Kind!.Value;
        d.PlannedQuantity = form.PlannedQuantity!.Value;
        d.ActualQuantity = form.ActualQuantity!.Value;
        d.Unit = form.Unit!.Trim();
        d.PlannedRecipients = form.PlannedRecipients ?? 0;
        d.DistributedBy = form.DistributedBy!.Trim();
        d.DifferenceReason = Clean(form.DifferenceReason);
        d.UnregisteredGirls = form.UnregisteredGirls ?? 0;
        d.UnregisteredBoys = form.UnregisteredBoys ?? 0;
        d.UnregisteredWomen = form.UnregisteredWomen ?? 0;
        d.UnregisteredMen = form.UnregisteredMen ?? 0;
        d.ValueMad = form.ValueMad;
    }

    private async Task<IActionResult> SitesPage(SiteForm form, CancellationToken ct)
    {
        var sites = await db.AidSites.AsNoTracking().OrderBy(s => s.City).ThenBy(s => s.Name)
            .Select(s => new SiteRow(s.Id, s.Name, s.City, s.Region!.NameFr)).ToListAsync(ct);
        return View("Sites", new SitesViewModel(sites, form, user.Scope.IsNational ? await ActivityLookups.RegionsAsync(db, ct) : []));
    }

    private async Task<IReadOnlyList<Choice>> SitesAsync(CancellationToken ct) =>
        await db.AidSites.AsNoTracking().OrderBy(s => s.City).ThenBy(s => s.Name).Select(s => new Choice(s.Id, s.Name + ", " + s.City)).ToListAsync(ct);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
