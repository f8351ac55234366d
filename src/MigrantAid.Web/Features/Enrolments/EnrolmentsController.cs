using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Enrolments;

[Authorize(Permissions.EnrolmentsRead)]
public sealed class EnrolmentsController(
    AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l, AuditTrail auditTrail) : Controller
{
    public const int PageSize = 25;

    public async Task<IActionResult> Index(int? centreId, int? year, EnrolmentStatus? status,
        [FromServices] Microsoft.Extensions.Options.IOptions<TrainingOptions> options, int page = 1, CancellationToken ct = default)
    {
        var cap = options.Value.EnrolmentListCountCap;
        var query = db.Enrolments.AsNoTracking();
        // The row-scope filter is an OR over the scope kinds that no index serves: the user's own
        // centre or region is stated as well (the same rows), so that the count and the page seek
        // an index instead of reading every enrolment (a region's list: 186 + 375 ms of SQL at 1M).
        if (user.Scope.Kind == ScopeKind.Centre && user.Scope.CentreId is { } own)
        {
            query = query.Where(e => e.TrainingCentreId == own);
        }
        else if (user.Scope.Kind == ScopeKind.Region && user.Scope.RegionId is { } region)
        {
            query = query.Where(e => e.RegionId == region);
        }
        if (centreId is { } c)
        {
            query = query.Where(e => e.TrainingCentreId == c);
        }
        if (year is { } y)
        {
            query = query.Where(e => e.AcademicYear == y);
        }
        if (status is { } s)
        {
            query = query.Where(e => e.Status == s);
        }
        // Counted per academic year (the list's first sort key) from the covering (RegionId,
        // AcademicYear, TrainingCentreId, Status) index, and shown up to a cap ("more than 10,000":
        // the filters narrow it). The page is then read year by year, each year an index range sorted
        // by name: one sort by name over the whole region read every enrolment of it (issue 13).
        var years = (await query.GroupBy(e => e.AcademicYear).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderByDescending(g => g.Year).ToList();
        var exact = years.Sum(g => g.Count);
        var capped = exact > cap;
        var total = Math.Min(exact, cap);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var skip = (page - 1) * PageSize;
        var rows = new List<EnrolmentRow>(PageSize);
        foreach (var one in years)
        {
            if (skip >= one.Count)
            {
                skip -= one.Count;
                continue;
            }
            var academicYear = one.Year;
            rows.AddRange(await query.Where(e => e.AcademicYear == academicYear).OrderBy(e => e.Migrant!.FamilyName).ThenBy(e => e.Id)
                .Skip(skip).Take(PageSize - rows.Count)
                .Select(e => new EnrolmentRow(e.Id, e.Migrant!.FileNumber, e.Migrant.FamilyName, e.Migrant.GivenName, e.TrainingCentre!.Name,
                    e.TradeId, e.DiplomaTrackId, e.AcademicYear, e.StartDate, e.Status))
                .ToListAsync(ct));
            skip = 0;
            if (rows.Count >= PageSize)
            {
                break;
            }
        }
        return View(new EnrolmentListViewModel(centreId, year, status, page, total, PageSize, rows, await NamesAsync(ct)) { Capped = capped });
    }

    /// <summary>
    /// The enrolment form, for one person: from the case file (<paramref name="migrantId"/>, a
    /// file the user sees) or after a director's look-up (<paramref name="ticket"/>). It shows
    /// the person to confirm, the centre (a director's own; others choose among the centres of
    /// their scope that offer something that year) and only that centre's offers for the year.
    /// </summary>
    [Authorize(Permissions.EnrolmentsProposeOrManage)]
    public async Task<IActionResult> Create(int? migrantId, string? ticket, int? centreId, int? year,
        [FromServices] EnrolmentService service, CancellationToken ct)
    {
        if (centreId is { } c && (await db.TrainingCentres.AsNoTracking().SingleOrDefaultAsync(x => x.Id == c, ct) is not { } centre || !service.MayWorkAt(centre)))
        {
            return NotFound();
        }
        if (migrantId is null && string.IsNullOrEmpty(ticket))
        {
            // No person yet: a director finds them (three details together); others start from the case file.
            return user.Has(Permissions.EnrolmentsManage) ? RedirectToAction(nameof(Find)) : Redirect("~/Migrants");
        }
        var form = new EnrolmentForm
        {
            MigrantId = string.IsNullOrEmpty(ticket) ? migrantId : null, Ticket = ticket, CentreId = centreId,
            AcademicYear = year ?? AcademicYear.Of(clock.Today()), StartDate = clock.Today(),
        };
        return await CreateView(form, service, ct) ?? NotFound();
    }

    [HttpPost, Authorize(Permissions.EnrolmentsProposeOrManage)]
    public async Task<IActionResult> Create(EnrolmentForm form, [FromServices] IValidator<EnrolmentForm> validator,
        [FromServices] EnrolmentService service, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            result.AddTo(ModelState);
            return await CreateView(form, service, ct) ?? NotFound();
        }
        var (enrolment, errors) = await service.ProposeAsync(form, ct);
        if (enrolment is null)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, l[e.MessageKey]);
            }
            return await CreateView(form, service, ct) ?? NotFound();
        }
        TempData["Success"] = l["Enrolments.Created"].Value;
        return RedirectToAction(nameof(Details), new { id = enrolment.Id });
    }

    /// <summary>A director enrols someone in front of them: file number, family name and birth year, together.</summary>
    [Authorize(Permissions.EnrolmentsManage)]
    public IActionResult Find() => View(new EnrolmentLookupForm());

    [HttpPost, Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Find(EnrolmentLookupForm form, [FromServices] IValidator<EnrolmentLookupForm> validator,
        [FromServices] EnrolmentService service, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            result.AddTo(ModelState);
            return View(form);
        }
        var (outcome, ticket) = await service.LookupAsync(form, ct);
        switch (outcome)
        {
            case LookupOutcome.Found:
                return RedirectToAction(nameof(Create), new { ticket });
            case LookupOutcome.TooMany:
                ModelState.AddModelError("", l["Enrolments.LookupLimit"]);
                return View(form);
            default:
                // The same answer whether the number is unknown, elsewhere, or the name or year differ.
                ModelState.AddModelError("", l["Enrolments.LookupNoMatch"]);
                return View(form);
        }
    }

    /// <summary>The applications waiting for a decision at the user's centre (or in their scope), oldest first.</summary>
    [Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Applications(int page = 1, CancellationToken ct = default)
    {
        var query = ApplicationsQuery.Waiting(db);
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await ApplicationsQuery.RowsAsync(db, query.Skip((page - 1) * PageSize).Take(PageSize), ct);
        return View(new ApplicationsViewModel(rows, page, total, PageSize, await NamesAsync(ct), clock.Today()));
    }

    /// <summary>Accept or decline an application from the list (a domain transition, audited like any change).</summary>
    [HttpPost, Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Decide(int id, TransitionAction decision, Guid version, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (enrolment is null || decision is not (TransitionAction.Accept or TransitionAction.Decline))
        {
            return NotFound();
        }
        try
        {
            if (decision == TransitionAction.Accept)
            {
                enrolment.Accept(clock.Today());
            }
            else
            {
                enrolment.Decline(clock.Today());
            }
            db.Entry(enrolment).Property(e => e.Version).OriginalValue = version;
            await db.SaveChangesAsync(ct);
            TempData["Success"] = l[decision == TransitionAction.Accept ? "Applications.Accepted" : "Applications.Declined"].Value;
        }
        catch (DomainRuleException ex)
        {
            TempData["ApplicationsError"] = l[ex.MessageKey].Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["ApplicationsError"] = l["Enrolments.ConcurrencyConflict"].Value;
        }
        return RedirectToAction(nameof(Applications));
    }

    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var model = await LoadPageAsync(id, new TransitionForm(), ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost, Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Transition(int id, TransitionForm form, [FromServices] IValidator<TransitionForm> validator, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (enrolment is null)
        {
            return NotFound();
        }
        var result = await validator.ValidateAsync(form, ct);
        if (result.IsValid)
        {
            try
            {
                Apply(enrolment, form);
                db.Entry(enrolment).Property(e => e.Version).OriginalValue = form.Version;
                await db.SaveChangesAsync(ct);
                TempData["Success"] = l["Enrolments.Saved"].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainRuleException ex)
            {
                ModelState.AddModelError(nameof(form.Action), l[ex.MessageKey]);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(nameof(form.Action), l["Enrolments.ConcurrencyConflict"]);
            }
        }
        else
        {
            result.AddTo(ModelState);
        }
        db.ChangeTracker.Clear();
        var model = await LoadPageAsync(id, form, ct);
        return model is null ? NotFound() : View(nameof(Details), model);
    }

    [HttpPost, Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> AddPlacement(int id, PlacementForm form, [FromServices] IValidator<PlacementForm> validator, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (enrolment is null)
        {
            return NotFound();
        }
        var result = await validator.ValidateAsync(form, ct);
        // Hosts are shared by the centres of a region: one of another region is refused.
        if (result.IsValid && !await db.HostProfessionals.AnyAsync(h => h.Id == form.HostProfessionalId && h.RegionId == enrolment.RegionId, ct))
        {
            result.Errors.Add(new FluentValidation.Results.ValidationFailure(nameof(form.HostProfessionalId), l["Hosts.NotFound"]));
        }
        if (!result.IsValid || !enrolment.IsOpen)
        {
            result.AddTo(ModelState);
            if (!enrolment.IsOpen)
            {
                ModelState.AddModelError(nameof(form.HostProfessionalId), l["Enrolments.TransitionNotAllowed"]);
            }
            db.ChangeTracker.Clear();
            var model = await LoadPageAsync(id, new TransitionForm(), ct);
            return View(nameof(Details), model!);
        }
        db.HostPlacements.Add(new HostPlacement
        {
            EnrolmentId = enrolment.Id, TrainingCentreId = enrolment.TrainingCentreId, RegionId = enrolment.RegionId,
            HostProfessionalId = form.HostProfessionalId!.Value, StartDate = form.StartDate!.Value, EndDate = form.EndDate,
            SharePercent = form.SharePercent ?? HostPlacement.DefaultSharePercent,
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Enrolments.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    public const int RiskPageSize = 50;

    /// <summary>Dropout risk list for a centre (a director's own by default) or a region (a regional manager's own by default).</summary>
    public async Task<IActionResult> Risk(int? centreId, int? regionId, [FromServices] RiskList risks, int page = 1, CancellationToken ct = default)
    {
        centreId ??= user.Scope.Kind == ScopeKind.Centre ? user.CentreId : null;
        regionId ??= centreId is null && user.Scope.Kind == ScopeKind.Region ? user.RegionId : null;
        var national = user.Scope.IsNational;
        var all = national && centreId is null && regionId is null ? [] : await risks.ForAsync(centreId, regionId, ct);
        // A region's list runs to thousands of apprentices (3.9 MB of HTML at a million files): paged, most reasons first.
        var pageCount = Math.Max(1, (all.Count + RiskPageSize - 1) / RiskPageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = all.Skip((page - 1) * RiskPageSize).Take(RiskPageSize).ToList();
        var title = centreId is { } c ? await db.TrainingCentres.Where(x => x.Id == c).Select(x => x.Name).SingleOrDefaultAsync(ct)
            : regionId is { } r ? (await db.Regions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == r, ct))?.Name(Cultures.Current) : null;
        // National roles pick a region rather than load the whole country's list at once.
        if (national)
        {
            ViewData["Regions"] = (await db.Regions.AsNoTracking().ToListAsync(ct))
                .Select(r => new SelectListItem(r.Name(Cultures.Current), r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Id == regionId))
                .OrderBy(r => r.Text, StringComparer.CurrentCulture).ToList();
        }
        return View(new RiskViewModel(centreId, regionId, title, risks.Threshold, rows, await NamesAsync(ct)) { Page = page, PageCount = pageCount, Total = all.Count });
    }

    /// <summary>
    /// From a risk row: asks the social workers of the person's region to act (allowance,
    /// income-generating activity), as an open income need on the case file.
    /// </summary>
    [HttpPost, Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Refer(int id, [FromServices] RiskList risks, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.MigrantId, e.TrainingCentreId, e.RegionId, Centre = e.TrainingCentre!.Name }).SingleOrDefaultAsync(ct);
        if (enrolment is null)
        {
            return NotFound();
        }
        if ((await RiskList.WithOpenIncomeNeedAsync(db, [enrolment.MigrantId], ct)).Count > 0)
        {
            TempData["Success"] = l["Risk.AlreadyReferred"].Value;
            return RedirectToAction(nameof(Risk));
        }
        var row = (await risks.ForAsync(enrolment.TrainingCentreId, null, ct)).SingleOrDefault(r => r.EnrolmentId == id);
        var reasons = row is null ? "" : string.Join("; ", row.Reasons.Select(r => l["RiskReason." + r, risks.Threshold.ToString("P0", CultureInfo.CurrentCulture)].Value));
        // Reviewed: the file may be in another region than the centre; only its region is read.
        // Scope bypass: the file may be in another region than the centre; only its region is read.
        var migrantRegion = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(m => m.Id == enrolment.MigrantId).Select(m => m.RegionId).SingleAsync(ct);
        db.Needs.Add(new Need
        {
            MigrantId = enrolment.MigrantId, RegionId = migrantRegion, Kind = NeedKind.Income, Status = NeedStatus.Open,
            OpenedOn = clock.Today(), Notes = l["Risk.ReferralNote", enrolment.Centre, reasons].Value,
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Risk.Referred"].Value;
        return RedirectToAction(nameof(Risk));
    }

    /// <summary>Apprentices whose six-month follow-up after completion is due and not yet recorded.</summary>
    public async Task<IActionResult> FollowUps(int? centreId, CancellationToken ct)
    {
        centreId ??= user.Scope.Kind == ScopeKind.Centre ? user.CentreId : null;
        return View(new FollowUpViewModel(centreId, await FollowUpQuery.DueAsync(db, centreId, clock.Today(), ct), await NamesAsync(ct)));
    }

    private static void Apply(Enrolment e, TransitionForm f)
    {
        var date = f.Date!.Value;
        switch (f.Action)
        {
            case TransitionAction.Accept: e.Accept(date); break;
            case TransitionAction.Decline: e.Decline(date); break;
            case TransitionAction.Activate: e.Activate(date); break;
            case TransitionAction.Suspend: e.Suspend(date); break;
            case TransitionAction.Resume: e.Resume(date); break;
            case TransitionAction.Complete: e.Complete(date); break;
            case TransitionAction.Certify: e.Certify(f.DiplomaNumber!, date); break;
            case TransitionAction.DropOut: e.DropOut(date, f.Reason!.Value, f.Note); break;
            case TransitionAction.RecordOutcome: e.RecordOutcome(f.Outcome!.Value, date); break;
            default: throw new DomainRuleException("Enrolments.TransitionNotAllowed");
        }
    }

    private async Task<EnrolmentPage?> LoadPageAsync(int id, TransitionForm form, CancellationToken ct)
    {
        var e = await db.Enrolments.AsNoTracking().Include(x => x.TrainingCentre)
            .Include(x => x.Placements).ThenInclude(p => p.HostProfessional)
            .Include(x => x.Attendance)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return null;
        }
        // The enrolment is in the user's scope, so its apprentice's minimal profile is too
        // (a director may see this person only through this enrolment). Never sensitive fields.
        // Scope bypass: the apprentice's minimal profile, visible through the in-scope enrolment; never sensitive fields.
        var profile = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => m.Id == e.MigrantId)
            .Select(m => new ApprenticeProfile(m.Id, m.FileNumber, m.FamilyName, m.GivenName, m.Sex, m.BirthDate, m.BirthYear, m.NationalityId, m.Phone))
            .SingleAsync(ct);
        // The page shows the apprentice's profile: an opening of their file, recorded as such.
        await FileOpenings.RecordAsync(db, auditTrail, profile.MigrantId, ct);
        var names = await NamesAsync(ct);
        var language = Cultures.Current;
        var nationality = (await db.Countries.AsNoTracking().SingleAsync(c => c.Id == profile.NationalityId, ct)).Name(language);
        var track = await db.DiplomaTracks.AsNoTracking().SingleAsync(t => t.Id == e.DiplomaTrackId, ct);
        var hosts = await db.HostProfessionals.AsNoTracking().Where(h => h.RegionId == e.RegionId)
            .OrderBy(h => h.Name).Select(h => new SelectListItem(h.Name + " — " + h.City, h.Id.ToString())).ToListAsync(ct);
        if (form.Version == Guid.Empty)
        {
            form.Version = e.Version;
        }
        return new EnrolmentPage(e, profile, nationality, names, track, hosts, clock.Today(),
            user.Has(Permissions.EnrolmentsManage), form);
    }

    /// <summary>The form for its person; null when the person is not (or no longer) the user's to see.</summary>
    private async Task<IActionResult?> CreateView(EnrolmentForm form, EnrolmentService service, CancellationToken ct)
    {
        var person = await service.PersonAsync(form.MigrantId, form.Ticket, ct);
        if (person is null)
        {
            return null;
        }
        var thisYear = AcademicYear.Of(clock.Today());
        var year = form.AcademicYear is { } y && y >= thisYear - 1 && y <= thisYear + 1 ? y : thisYear;
        form.AcademicYear = year;
        // A director's centre is known; others choose among the centres of their scope.
        if (user.Scope.Kind == ScopeKind.Centre)
        {
            form.CentreId = user.CentreId;
        }
        var centres = await service.CentresAsync(year, ct);
        if (form.CentreId is { } chosen && centres.All(c => c.Id != chosen))
        {
            form.CentreId = null;
        }
        var offers = form.CentreId is { } centreId ? await service.OffersAsync(centreId, year, ct) : [];
        ViewData["Names"] = await NamesAsync(ct);
        ViewData["CanOverride"] = user.Has(Permissions.EnrolmentsOverrideCapacity);
        return View(nameof(Create), new EnrolmentFormPage(form, person, centres, offers, user.Scope.Kind == ScopeKind.Centre,
            [thisYear - 1, thisYear, thisYear + 1]));
    }

    private async Task<ReferenceNames> NamesAsync(CancellationToken ct)
    {
        var language = Cultures.Current;
        var trades = await db.Trades.AsNoTracking().ToListAsync(ct);
        var tracks = await db.DiplomaTracks.AsNoTracking().ToListAsync(ct);
        return new ReferenceNames(
            trades.OrderBy(t => t.Name(language), StringComparer.CurrentCulture).ToDictionary(t => t.Id, t => t.Name(language)),
            tracks.OrderBy(t => t.DurationMonths).ToDictionary(t => t.Id, t => t.Name(language)));
    }
}

public sealed record EnrolmentFormPage(EnrolmentForm Form, PersonToConfirm Person, IReadOnlyList<(int Id, string Name)> Centres,
    IReadOnlyList<OfferChoice> Offers, bool CentreFixed, IReadOnlyList<int> Years);

public sealed record ApplicationRow(int Id, Guid Version, string FileNumber, string FamilyName, string GivenName, string Centre,
    int TradeId, int TrackId, int AcademicYear, DateOnly StartDate, DateTimeOffset ProposedAt, string? ProposedBy);

public sealed record ApplicationsViewModel(IReadOnlyList<ApplicationRow> Rows, int Page, int Total, int PageSize, ReferenceNames Names, DateOnly Today)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Applications waiting for the director's decision, in the user's row scope.</summary>
public static class ApplicationsQuery
{
    public static IQueryable<Enrolment> Waiting(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentStatus.Applied).OrderBy(e => e.Id);
    }

    public static async Task<IReadOnlyList<ApplicationRow>> RowsAsync(AppDbContext db, IQueryable<Enrolment> query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await query.Select(e => new ApplicationRow(e.Id, e.Version, e.Migrant!.FileNumber, e.Migrant.FamilyName, e.Migrant.GivenName,
                e.TrainingCentre!.Name, e.TradeId, e.DiplomaTrackId, e.AcademicYear, e.StartDate, e.CreatedAt,
                db.Users.Where(u => u.Id == e.CreatedBy).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);
    }
}

public sealed record RiskViewModel(int? CentreId, int? RegionId, string? ScopeName, double Threshold, IReadOnlyList<RiskRow> Rows, ReferenceNames Names)
{
    public int Page { get; init; } = 1;
    public int PageCount { get; init; } = 1;
    public int Total { get; init; }
}
public sealed record FollowUpViewModel(int? CentreId, IReadOnlyList<FollowUpRow> Rows, ReferenceNames Names);

public sealed record FollowUpRow(int EnrolmentId, string FileNumber, string FamilyName, string GivenName, string Centre, int TradeId,
    DateOnly? CompletedOn, DateOnly? DueOn, TrainingOutcome? LastOutcome);

public static class FollowUpQuery
{
    public static async Task<IReadOnlyList<FollowUpRow>> DueAsync(AppDbContext db, int? centreId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Enrolments.AsNoTracking().Where(e => e.FollowUpDueOn != null && e.FollowUpDueOn <= today
            && (e.OutcomeRecordedOn == null || e.OutcomeRecordedOn < e.FollowUpDueOn));
        if (centreId is { } c)
        {
            query = query.Where(e => e.TrainingCentreId == c);
        }
        return await query.OrderBy(e => e.FollowUpDueOn).ThenBy(e => e.Id).Take(200)
            .Select(e => new FollowUpRow(e.Id, e.Migrant!.FileNumber, e.Migrant.FamilyName, e.Migrant.GivenName, e.TrainingCentre!.Name,
                e.TradeId, e.CompletedOn, e.FollowUpDueOn, e.Outcome))
            .ToListAsync(ct);
    }
}

public sealed record ReferenceNames(IReadOnlyDictionary<int, string> Trades, IReadOnlyDictionary<int, string> Tracks)
{
    public string Trade(int id) => Trades.TryGetValue(id, out var n) ? n : "";
    public string Track(int id) => Tracks.TryGetValue(id, out var n) ? n : "";
}

/// <summary>What a centre director may know of an apprentice: no legal status, vulnerabilities or case notes.</summary>
public sealed record ApprenticeProfile(int MigrantId, string FileNumber, string FamilyName, string GivenName, Sex Sex,
    DateOnly? BirthDate, int? BirthYear, int NationalityId, string? Phone)
{
    public int? YearOfBirth => BirthDate?.Year ?? BirthYear;
}

public sealed record EnrolmentPage(Enrolment Enrolment, ApprenticeProfile Apprentice, string Nationality, ReferenceNames Names,
    DiplomaTrack Track, IReadOnlyList<SelectListItem> Hosts, DateOnly Today, bool CanManage, TransitionForm Form)
{
    public bool NeedsPlacement => Track.AlternatingTraining && Enrolment.Status is EnrolmentStatus.Active or EnrolmentStatus.Enrolled
        && !Enrolment.Placements.Any(p => p.IsCurrent(Today));
}

public sealed record EnrolmentRow(int Id, string FileNumber, string FamilyName, string GivenName, string Centre,
    int TradeId, int TrackId, int AcademicYear, DateOnly StartDate, EnrolmentStatus Status);

public sealed record EnrolmentListViewModel(int? CentreId, int? Year, EnrolmentStatus? Status, int Page, int Total, int PageSize,
    IReadOnlyList<EnrolmentRow> Rows, ReferenceNames Names)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    /// <summary>More enrolments than the count's cap match: <see cref="Total"/> is the cap.</summary>
    public bool Capped { get; init; }
}
