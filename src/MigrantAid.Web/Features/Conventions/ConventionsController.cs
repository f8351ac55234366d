using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Activities;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>
/// Partner conventions: list, details with progress against targets, create and edit, life
/// cycle, indicators, attribution in bulk, donor reports. Every read goes through the
/// conventions' scope filter (AppDbContext): a convention out of the user's scope is 404.
/// </summary>
[Authorize(Permissions.ConventionsReadAggregates)]
public sealed class ConventionsController(
    AppDbContext db, CurrentUser user, TimeProvider clock, ConventionReports reports, IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 20;

    public async Task<IActionResult> Index(string? q, ConventionStatus? status, int page = 1, CancellationToken ct = default)
    {
        var query = db.PartnerConventions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(c => c.Reference.Contains(term) || c.Title.Contains(term) || (c.TitleEn != null && c.TitleEn.Contains(term)));
        }
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderBy(c => c.Reference).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new ConventionRow(c.Id, c.Reference, c.Title, c.TitleAr, c.TitleEn, c.Status, c.StartDate, c.EndDate, c.Budget, c.Currency,
                c.Partners.Select(p => p.Partner!.Code).ToList()))
            .ToListAsync(ct);
        return View(new ConventionListViewModel(q, status, page, total, PageSize, rows));
    }

    public async Task<IActionResult> Details(int id, int? year, CancellationToken ct)
    {
        var summary = await reports.SummaryAsync(id, ct);
        if (summary is null)
        {
            return NotFound();
        }
        var years = summary.Years(clock.Today());
        var period = new ReportPeriod(year is { } y && years.Contains(y) ? y : years[^1], null);
        var report = await reports.BuildAsync(summary, period, ct);
        var versions = await db.ReportVersions.AsNoTracking().Where(v => v.PartnerConventionId == id)
            .OrderByDescending(v => v.FrozenAt).Select(v => new FrozenRow(v.Period, v.Number, v.FrozenAt, v.FrozenBy)).ToListAsync(ct);
        var attributed = user.Has(Permissions.ConventionsRead)
            ? await db.ConventionAttributions.Where(a => a.PartnerConventionId == id).GroupBy(a => a.RecordKind)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct)
            : new Dictionary<AttributedRecordKind, int>();
        var transitions = (await db.PartnerConventions.AsNoTracking().SingleAsync(c => c.Id == id, ct)).AllowedTransitions();
        return View(new ConventionPageViewModel(summary, report, years, transitions, versions, attributed,
            user.Has(Permissions.ConventionsManage), user.Has(Permissions.ConventionsAttribute), clock.Today()));
    }

    [Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        await FormView(new ConventionForm { Currency = ConventionCurrency.EUR, ExchangeRateToMad = 1, AgeBands = PartnerConvention.DefaultAgeBands }, null, ct);

    [HttpPost, Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Create(ConventionForm form, [FromServices] IValidator<ConventionForm> validator, CancellationToken ct)
    {
        if (!await ValidateAsync(form, validator, null, ct))
        {
            return await FormView(form, null, ct);
        }
        var convention = new PartnerConvention();
        form.ApplyTo(convention);
        db.PartnerConventions.Add(convention);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Conventions.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id = convention.Id });
    }

    [Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var convention = await LoadAsync(id, ct);
        return convention is null ? NotFound() : await FormView(ConventionForm.From(convention), id, ct);
    }

    [HttpPost, Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Edit(int id, ConventionForm form, [FromServices] IValidator<ConventionForm> validator, CancellationToken ct)
    {
        var convention = await LoadAsync(id, ct);
        if (convention is null)
        {
            return NotFound();
        }
        if (!await ValidateAsync(form, validator, id, ct))
        {
            return await FormView(form, id, ct);
        }
        form.ApplyTo(convention);
        if (!await db.SaveWithVersionAsync(convention, form.Version, ct))
        {
            ModelState.AddModelError("", l["Enrolments.ConcurrencyConflict"]);
            return await FormView(form, id, ct);
        }
        TempData["Success"] = l["Conventions.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost, Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Transition(int id, ConventionTransition transition, DateOnly? date, Guid version, CancellationToken ct)
    {
        var convention = await db.PartnerConventions.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (convention is null)
        {
            return NotFound();
        }
        try
        {
            convention.Apply(transition, date ?? clock.Today());
            if (!await db.SaveWithVersionAsync(convention, version, ct))
            {
                TempData["Error"] = l["Enrolments.ConcurrencyConflict"].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            TempData["Success"] = l["Conventions.Saved"].Value;
        }
        catch (DomainRuleException ex)
        {
            TempData["Error"] = l[ex.MessageKey].Value;
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Indicator(int id, int? indicatorId, CancellationToken ct)
    {
        if (!await db.PartnerConventions.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }
        if (indicatorId is null)
        {
            return await IndicatorView(id, null, new IndicatorForm { Unit = "personnes", Kind = IndicatorKind.PeopleEnrolled }, ct);
        }
        var indicator = await db.ConventionIndicators.Include(i => i.Targets).SingleOrDefaultAsync(i => i.Id == indicatorId && i.PartnerConventionId == id, ct);
        return indicator is null ? NotFound() : await IndicatorView(id, indicator.Id, IndicatorForm.From(indicator), ct);
    }

    [HttpPost, Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Indicator(int id, int? indicatorId, IndicatorForm form, [FromServices] IValidator<IndicatorForm> validator, CancellationToken ct)
    {
        if (!await db.PartnerConventions.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }
        var indicator = indicatorId is null ? new ConventionIndicator { PartnerConventionId = id }
            : await db.ConventionIndicators.Include(i => i.Targets).SingleOrDefaultAsync(i => i.Id == indicatorId && i.PartnerConventionId == id, ct);
        if (indicator is null)
        {
            return NotFound();
        }
        var result = await validator.ValidateAsync(form, ct);
        if (result.IsValid && await db.ConventionIndicators.AnyAsync(i => i.PartnerConventionId == id && i.Code == form.Code!.Trim() && i.Id != (indicatorId ?? 0), ct))
        {
            result.Errors.Add(new FluentValidation.Results.ValidationFailure(nameof(form.Code), l["Conventions.CodeTaken"]));
        }
        if (!result.IsValid)
        {
            result.AddTo(ModelState);
            return await IndicatorView(id, indicatorId, form, ct);
        }
        form.ApplyTo(indicator);
        if (indicatorId is null)
        {
            db.ConventionIndicators.Add(indicator);
            await db.SaveChangesAsync(ct);
        }
        else if (!await db.SaveWithVersionAsync(indicator, form.Version, ct))
        {
            ModelState.AddModelError("", l["Enrolments.ConcurrencyConflict"]);
            return await IndicatorView(id, indicatorId, form, ct);
        }
        TempData["Success"] = l["Conventions.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>
    /// Attribution in bulk: the records of one kind the user may see that match the filters
    /// (e.g. all Alkari enrolments of 2017/2018), counted with those already attributed, then
    /// attributed or detached in one confirmed step.
    /// </summary>
    [Authorize(Permissions.ConventionsAttribute)]
    public async Task<IActionResult> Attribute(int id, BulkAttributionForm form, [FromServices] BulkAttribution bulk, CancellationToken ct)
    {
        var summary = await reports.SummaryAsync(id, ct);
        if (summary is null)
        {
            return NotFound();
        }
        if (!BulkAttribution.Kinds.Contains(form.Kind))
        {
            form.Kind = AttributedRecordKind.Enrolment;
        }
        var (ids, field, error) = await bulk.MatchingAsync(form, ct);
        var (matching, already) = ids is null ? (0, 0) : await bulk.CountAsync(id, form.Kind, ids, ct);
        if (error is not null)
        {
            ModelState.AddModelError(field!, error);
        }
        return await BulkView(summary, form, matching, already, ct);
    }

    [HttpPost, Authorize(Permissions.ConventionsAttribute), ActionName(nameof(Attribute))]
    public async Task<IActionResult> AttributePost(int id, BulkAttributionForm form, [FromServices] BulkAttribution bulk, CancellationToken ct)
    {
        var summary = await reports.SummaryAsync(id, ct);
        if (summary is null)
        {
            return NotFound();
        }
        if (!BulkAttribution.Kinds.Contains(form.Kind))
        {
            return BadRequest();
        }
        var (ids, field, error) = await bulk.MatchingAsync(form, ct);
        if (ids is null || !form.HasFilter || !ModelState.IsValid)
        {
            ModelState.AddModelError(field ?? nameof(form.Kind), error ?? l["Conventions.FilterRequired"]);
            return await BulkView(summary, form, 0, 0, ct);
        }
        var changed = await bulk.ApplyAsync(id, form.Kind, ids, form.Remove, ct);
        TempData["Success"] = l[BulkKey(form.Kind, form.Remove ? "Detached" : "Attributed"), changed].Value;
        var route = new RouteValueDictionary { ["id"] = id };
        foreach (var (name, value) in form.Fields())
        {
            route[name] = value;
        }
        return RedirectToAction(nameof(Attribute), route);
    }

    /// <summary>The resource key of a bulk message for a record kind (the enrolment keys came first and keep their names).</summary>
    public static string BulkKey(AttributedRecordKind kind, string message) => kind switch
    {
        AttributedRecordKind.IncomeGeneratingActivity => "Conventions.BulkActivities." + message,
        AttributedRecordKind.AidDistribution => "Conventions.BulkDistributions." + message,
        _ => "Conventions." + message,
    };

    private async Task<IActionResult> BulkView(ConventionSummary summary, BulkAttributionForm form, int matching, int already, CancellationToken ct)
    {
        IReadOnlyList<Choice> regions = form.Kind == AttributedRecordKind.Enrolment ? [] : await ActivityLookups.RegionsAsync(db, ct);
        IReadOnlyList<Choice> sites = form.Kind == AttributedRecordKind.AidDistribution
            ? await db.AidSites.AsNoTracking().Where(s => form.RegionId == null || s.RegionId == form.RegionId).OrderBy(s => s.City).ThenBy(s => s.Name)
                .Select(s => new Choice(s.Id, s.Name + ", " + s.City)).ToListAsync(ct)
            : [];
        IReadOnlyList<(int Id, string Name)> trades = form.Kind == AttributedRecordKind.Enrolment ? await TradesAsync(ct) : [];
        return View(nameof(Attribute), new BulkAttributionViewModel(summary, form, matching, already, trades, regions, sites));
    }

    /// <summary>The donor report of a period: the printable page, or its XLSX, CSV (with HXL) or IATI file.</summary>
    public async Task<IActionResult> Report(int id, string? period, string? format, CancellationToken ct)
    {
        var summary = await reports.SummaryAsync(id, ct);
        if (summary is null)
        {
            return NotFound();
        }
        if (!ReportPeriod.TryParse(period, out var p))
        {
            p = new ReportPeriod(summary.Years(clock.Today())[^1], null);
        }
        var report = await reports.BuildAsync(summary, p, ct);
        var language = Cultures.Current;
        var name = $"{summary.Reference}-{p}";
        return format switch
        {
            "csv" => File(await DonorReportExports.ToCsvAsync(report, language, ct), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => File(await DonorReportExports.ToXlsxAsync(report, language, l, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            "xml" => File(DonorReportExports.ToBytes(DonorReportExports.ToIati(report, clock.GetUtcNow())), "application/xml", name + "-iati.xml"),
            _ => View(new ReportViewModel(report, reports.CanFreeze(p), user.Has(Permissions.ConventionsManage))),
        };
    }

    [HttpPost, Authorize(Permissions.ConventionsManage)]
    public async Task<IActionResult> Freeze(int id, string? period, CancellationToken ct)
    {
        var summary = await reports.SummaryAsync(id, ct);
        if (summary is null || !ReportPeriod.TryParse(period, out var p))
        {
            return NotFound();
        }
        try
        {
            var version = await reports.FreezeAsync(summary, p, ct);
            TempData["Success"] = l["Conventions.Frozen", version.Number].Value;
        }
        catch (DomainRuleException ex)
        {
            TempData["Error"] = l[ex.MessageKey].Value;
        }
        return RedirectToAction(nameof(Report), new { id, period = p.ToString() });
    }

    /// <summary>National view: each convention's own people, the distinct total, and the overlap between conventions.</summary>
    /// <remarks>
    /// Read from the snapshot rebuilt with the dashboard figures (it says when); a year the
    /// snapshot does not hold (before the conventions' first year) is counted live.
    /// </remarks>
    [Authorize(Permissions.ConventionsRead)]
    public async Task<IActionResult> Overview(int? year, IndicatorKind? kind, [FromServices] IndicatorCalculator calculator,
        [FromServices] ConventionFigures figures, CancellationToken ct)
    {
        var today = clock.Today();
        var period = new ReportPeriod(year is >= 2000 and <= 2100 ? year.Value : today.Year, null);
        var k = kind is { } x && calculator.Knows(x) && !IndicatorCalculator.IsQuantity(x) ? x : IndicatorKind.PeopleEnrolled;
        var conventions = await db.PartnerConventions.AsNoTracking().OrderBy(c => c.Reference)
            .Select(c => new { c.Id, c.Reference }).ToListAsync(ct);
        var ids = conventions.Select(c => c.Id).ToList();
        var asOf = await figures.AsOfAsync(ct);
        var overlap = asOf is null ? null : await figures.OverlapAsync(asOf, user.Scope, k, ids, period.Year, ct);
        var live = asOf is not null && overlap is null;
        if (live)
        {
            overlap = await calculator.OverlapAsync(k, ids, period, ct);
        }
        return View(new OverviewViewModel(period, k, conventions.ToDictionary(c => c.Id, c => c.Reference),
            overlap ?? new Overlap(k, new Dictionary<int, int>(), 0, new Dictionary<(int, int), int>()),
            Enum.GetValues<IndicatorKind>().Where(i => calculator.Knows(i) && !IndicatorCalculator.IsQuantity(i)).ToList(),
            live ? null : asOf?.RefreshedAt, asOf is null));
    }

    private async Task<IReadOnlyList<(int Id, string Name)>> TradesAsync(CancellationToken ct) =>
        (await db.Trades.AsNoTracking().ToListAsync(ct)).Select(t => (t.Id, t.Name(Cultures.Current)))
            .OrderBy(t => t.Item2, StringComparer.CurrentCulture).ToList();

    private Task<PartnerConvention?> LoadAsync(int id, CancellationToken ct) =>
        db.PartnerConventions.Include(c => c.Partners).Include(c => c.Regions).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, ct);

    private async Task<bool> ValidateAsync(ConventionForm form, IValidator<ConventionForm> validator, int? id, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        if (result.IsValid && await db.PartnerConventions.AnyAsync(c => c.Reference == form.Reference!.Trim() && c.Id != (id ?? 0), ct))
        {
            result.Errors.Add(new FluentValidation.Results.ValidationFailure(nameof(form.Reference), l["Conventions.ReferenceTaken"]));
        }
        var partnerIds = form.SelectedPartners().Select(p => p.PartnerId!.Value).Distinct().ToList();
        if (await db.Partners.CountAsync(p => partnerIds.Contains(p.Id), ct) != partnerIds.Count
            || await db.Regions.CountAsync(r => form.RegionIds.Contains(r.Id), ct) != form.RegionIds.Distinct().Count())
        {
            result.Errors.Add(new FluentValidation.Results.ValidationFailure(nameof(form.Partners), l["Conventions.PartnerRequired"]));
        }
        result.AddTo(ModelState);
        return result.IsValid;
    }

    private async Task<IActionResult> FormView(ConventionForm form, int? id, CancellationToken ct)
    {
        var language = Cultures.Current;
        ViewData["ConventionId"] = id;
        ViewData["Regions"] = (await db.Regions.AsNoTracking().ToListAsync(ct)).Select(r => (r.Id, Name: r.Name(language)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        ViewData["Partners"] = (await db.Partners.AsNoTracking().ToListAsync(ct)).Select(p => (p.Id, Name: p.Name(language)))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        // Room for two more partners than the convention has.
        while (form.Partners.Count < Math.Max(3, form.SelectedPartners().Count() + 2))
        {
            form.Partners.Add(new PartnerRoleInput());
        }
        return View("Edit", form);
    }

    private async Task<IActionResult> IndicatorView(int id, int? indicatorId, IndicatorForm form, CancellationToken ct)
    {
        ViewData["ConventionId"] = id;
        ViewData["IndicatorId"] = indicatorId;
        ViewData["Reference"] = await db.PartnerConventions.Where(c => c.Id == id).Select(c => c.Reference).SingleAsync(ct);
        return View("Indicator", form);
    }
}

public sealed record ConventionRow(int Id, string Reference, string Title, string? TitleAr, string? TitleEn, ConventionStatus Status,
    DateOnly? StartDate, DateOnly? EndDate, decimal Budget, ConventionCurrency Currency, IReadOnlyList<string> PartnerCodes)
{
    public string TitleIn(string? language) => language switch
    {
        "ar" when !string.IsNullOrEmpty(TitleAr) => TitleAr,
        "en" when !string.IsNullOrEmpty(TitleEn) => TitleEn,
        _ => Title,
    };
}

public sealed record ConventionListViewModel(string? Q, ConventionStatus? Status, int Page, int Total, int PageSize, IReadOnlyList<ConventionRow> Rows)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record FrozenRow(string Period, int Number, DateTimeOffset FrozenAt, string FrozenBy);

public sealed record ConventionPageViewModel(ConventionSummary Convention, DonorReport Report, IReadOnlyList<int> Years,
    IReadOnlyList<ConventionTransition> Transitions, IReadOnlyList<FrozenRow> Versions, IReadOnlyDictionary<AttributedRecordKind, int> Attributed,
    bool CanManage, bool CanAttribute, DateOnly Today);

public sealed record BulkAttributionViewModel(ConventionSummary Convention, BulkAttributionForm Form, int Matching, int Already,
    IReadOnlyList<(int Id, string Name)> Trades, IReadOnlyList<Choice> Regions, IReadOnlyList<Choice> Sites);

public sealed record ReportViewModel(DonorReport Report, bool CanFreeze, bool CanManage);

/// <summary>The national view: <see cref="AsOf"/> when read from the snapshot, null when counted live; <see cref="Pending"/> before the first snapshot.</summary>
public sealed record OverviewViewModel(ReportPeriod Period, IndicatorKind Kind, IReadOnlyDictionary<int, string> Conventions, Overlap Overlap, IReadOnlyList<IndicatorKind> Kinds,
    DateTimeOffset? AsOf = null, bool Pending = false);
