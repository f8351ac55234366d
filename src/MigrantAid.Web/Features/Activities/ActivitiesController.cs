using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Activities;

/// <summary>
/// Income-generating activities: a social worker proposes, the region's manager decides,
/// the grant is paid in tranches tied to follow-up visits. Rows are region-scoped: out of
/// scope is 404.
/// </summary>
// An activity's page answers 404 to the roles that see no activity at all (directors, partners:
// for them the record does not exist, issue 10); the list and the actions answer 403.
[Authorize]
[Route("Activities/[action]/{id:int?}")]
public sealed class ActivitiesController(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    private const int PageSize = 25;

    [HttpGet("/Activities")]
    [HttpGet]
    [Authorize(Permissions.ActivitiesRead)]
    public async Task<IActionResult> Index(ActivityStatus? status, int? regionId, int? conventionId, int page = 1, CancellationToken ct = default)
    {
        var query = db.IncomeActivities.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }
        if (regionId is { } r)
        {
            query = query.Where(a => a.RegionId == r);
        }
        if (conventionId is { } c)
        {
            query = query.Where(a => db.ConventionAttributions.Any(x => x.RecordKind == AttributedRecordKind.IncomeGeneratingActivity && x.RecordId == a.Id && x.PartnerConventionId == c));
        }
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await query.OrderByDescending(a => a.ProposedOn).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new ActivityRow(a.Id, a.Name, a.City, a.Region!.NameFr, a.Status, a.StatusDate, a.GrantRequested, a.GrantGranted, a.Members.Count))
            .ToListAsync(ct);
        var model = new ActivityListViewModel(rows, status, regionId, conventionId, total,
            new Pager(page, pageCount, p => Url.Action(nameof(Index), new { status, regionId, conventionId, page = p })!),
            user.Scope.IsNational ? await ActivityLookups.RegionsAsync(db, ct) : [], await ActivityLookups.ConventionsAsync(db, ct));
        return View(model);
    }

    [HttpGet]
    [Authorize(Permissions.ActivitiesWrite)]
    public async Task<IActionResult> Create(int? migrantId, CancellationToken ct)
    {
        var form = new ActivityForm();
        if (migrantId is { } id)
        {
            var file = await db.Migrants.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.FileNumber, m.City }).SingleOrDefaultAsync(ct);
            if (file is null)
            {
                return NotFound();
            }
            form.MemberFileNumbers = file.FileNumber;
            form.City = file.City;
            // An open income need on the file is what the activity answers: link it (closed on funding).
            form.NeedId = await db.Needs.AsNoTracking()
                .Where(n => n.MigrantId == id && n.Kind == NeedKind.Income && (n.Status == NeedStatus.Open || n.Status == NeedStatus.Referred))
                .OrderBy(n => n.OpenedOn).Select(n => (int?)n.Id).FirstOrDefaultAsync(ct);
        }
        return await FormPage(form, ct);
    }

    [HttpPost]
    [Authorize(Permissions.ActivitiesWrite)]
    public async Task<IActionResult> Create(ActivityForm form, [FromServices] IValidator<ActivityForm> validator, CancellationToken ct)
    {
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        var numbers = form.FileNumbers();
        // File numbers are upper case; a number typed in lower case is found too.
        var upper = numbers.Select(n => n.ToUpperInvariant()).ToList();
        var members = await db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null && (numbers.Contains(m.FileNumber) || upper.Contains(m.FileNumber)))
            .Select(m => new { m.Id, m.FileNumber, m.RegionId }).ToListAsync(ct);
        var missing = numbers.Where(n => !members.Any(m => string.Equals(m.FileNumber, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (ModelState.IsValid && missing.Count > 0)
        {
            ModelState.AddModelError(nameof(form.MemberFileNumbers), l["Activities.MemberNotFound", string.Join(", ", missing)]);
        }
        var regionId = members.FirstOrDefault()?.RegionId ?? 0;
        if (ModelState.IsValid && (members.Any(m => m.RegionId != regionId) || !user.Scope.CoversRegion(regionId)))
        {
            ModelState.AddModelError(nameof(form.MemberFileNumbers), l["Activities.MembersOneRegion"]);
        }
        if (!ModelState.IsValid)
        {
            return await FormPage(form, ct);
        }
        var activity = new IncomeActivity
        {
            Name = form.Name!.Trim(), Sector = form.Sector!.Value, TradeId = form.Sector == ActivitySector.Trade ? form.TradeId : null,
            City = form.City!.Trim(), RegionId = regionId, BusinessPlan = form.BusinessPlan!.Trim(),
            ExpectedMonthlyRevenue = form.ExpectedMonthlyRevenue!.Value, GrantRequested = form.GrantRequested!.Value,
            NeedId = form.NeedId is { } needId && await db.Needs.AnyAsync(n => n.Id == needId && members.Select(m => m.Id).Contains(n.MigrantId), ct) ? needId : null,
        };
        activity.Propose(clock.Today());
        activity.Members.AddRange(members.Select(m => new ActivityMember { MigrantId = m.Id, RegionId = regionId }));
        activity.BudgetLines.AddRange(form.BudgetLines.Where(b => b.Amount is not null)
            .Select(b => new ActivityBudgetLine { Label = b.Label!.Trim(), Amount = b.Amount!.Value, RegionId = regionId }));
        db.IncomeActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        await ConventionAttributions.SetAsync(db, AttributedRecordKind.IncomeGeneratingActivity, activity.Id, form.ConventionIds, ct);
        TempData["Success"] = l["Activities.Proposed"].Value;
        return Redirect($"~/Activities/Details/{activity.Id}");
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct) =>
        user.Has(Permissions.ActivitiesRead) && await DetailsPage(id, new DetailsForms(), ct) is { } page ? page : NotFound();

    [HttpPost]
    [Authorize(Permissions.ActivitiesApprove)]
    public Task<IActionResult> Decide(int id, DecisionForm form, CancellationToken ct) =>
        Act(id, new DetailsForms { Decision = form, Field = "Decision" }, a =>
        {
            if (form.Score is not { } score)
            {
                throw new DomainRuleException("Activities.ScoreInvalid");
            }
            if (form.Approve)
            {
                a.Approve(form.GrantGranted ?? 0, score, Clean(form.Comment), clock.Today());
            }
            else
            {
                a.Reject(score, Clean(form.Comment) ?? "", clock.Today());
            }
            return Task.CompletedTask;
        }, form.Approve ? "Activities.Approved" : "Activities.Rejected", ct);

    [HttpPost]
    [Authorize(Permissions.ActivitiesWrite)]
    public Task<IActionResult> AddTranche(int id, TrancheForm form, CancellationToken ct) =>
        Act(id, new DetailsForms { Tranche = form, Field = "Tranche" }, async a =>
        {
            if (form.Amount is not { } amount || form.PaidOn is not { } on || string.IsNullOrWhiteSpace(form.ReceiptReference))
            {
                throw new DomainRuleException("Activities.TrancheIncomplete");
            }
            NotInFuture(on);
            var wasApproved = a.Status == ActivityStatus.Approved;
            a.AddTranche(amount, on, Clean(form.Condition), form.ReceiptReference.Trim());
            // Funding answers the income need the activity was proposed for.
            if (wasApproved && a.NeedId is { } needId && await db.Needs.SingleOrDefaultAsync(n => n.Id == needId, ct) is { } need)
            {
                need.SetStatus(NeedStatus.Done, on);
            }
        }, "Activities.TranchePaid", ct);

    [HttpPost]
    [Authorize(Permissions.ActivitiesWrite)]
    public Task<IActionResult> RecordVisit(int id, VisitForm form, CancellationToken ct) =>
        Act(id, new DetailsForms { Visit = form, Field = "Visit" }, a =>
        {
            if (form.Date is not { } on)
            {
                throw new DomainRuleException("Activities.DateRequired");
            }
            NotInFuture(on);
            a.RecordVisit(on, form.Operating, form.MonthlyRevenue, form.MonthlyExpenses, Clean(form.Notes));
            return Task.CompletedTask;
        }, "Activities.VisitRecorded", ct);

    [HttpPost]
    [Authorize(Permissions.ActivitiesWrite)]
    public Task<IActionResult> End(int id, EndForm form, CancellationToken ct) =>
        Act(id, new DetailsForms { End = form, Field = "End" }, a =>
        {
            if (form.Failed)
            {
                a.Fail(Clean(form.Reason) ?? "", clock.Today());
            }
            else
            {
                a.Close(Clean(form.Reason), clock.Today());
            }
            return Task.CompletedTask;
        }, "Activities.Ended", ct);

    /// <summary>Loads the activity in scope, applies a domain step; a refused rule shows its message on the page, nothing saved.</summary>
    private async Task<IActionResult> Act(int id, DetailsForms forms, Func<IncomeActivity, Task> step, string successKey, CancellationToken ct)
    {
        var activity = await db.IncomeActivities.Include(a => a.Tranches).Include(a => a.Visits).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null)
        {
            return NotFound();
        }
        try
        {
            await step(activity);
            if (await db.SaveWithVersionAsync(activity, activity.Version, ct))
            {
                TempData["Success"] = l[successKey].Value;
                return Redirect($"~/Activities/Details/{id}");
            }
            ModelState.AddModelError(forms.Field, l["Enrolments.ConcurrencyConflict"]);
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddModelError(forms.Field, l[ex.MessageKey]);
        }
        db.ChangeTracker.Clear();
        return (await DetailsPage(id, forms, ct))!;
    }

    private void NotInFuture(DateOnly on)
    {
        if (on > clock.Today())
        {
            throw new DomainRuleException("Migrants.DateInFuture");
        }
    }

    private async Task<IActionResult?> DetailsPage(int id, DetailsForms forms, CancellationToken ct)
    {
        var a = await db.IncomeActivities.AsNoTracking().AsSplitQuery()
            .Include(x => x.Region).Include(x => x.Trade).Include(x => x.BudgetLines).Include(x => x.Tranches).Include(x => x.Visits)
            .Include(x => x.Members).ThenInclude(m => m.Migrant)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }
        var conventions = await db.ConventionAttributions.AsNoTracking()
            .Where(x => x.RecordKind == AttributedRecordKind.IncomeGeneratingActivity && x.RecordId == id)
            .Select(x => x.PartnerConvention!.Reference + " — " + x.PartnerConvention.Title).ToListAsync(ct);
        forms.Tranche.PaidOn ??= clock.Today();
        forms.Visit.Date ??= clock.Today();
        forms.Tranche.Amount ??= a.GrantGranted - a.Tranches.Sum(t => t.Amount) is > 0 and var rest ? rest : null;
        return View("Details", new ActivityDetailsViewModel(a, conventions, forms,
            IncomeActivity.NextVisitDue(a.Status, a.FirstFundedOn, a.Visits.Count > 0 ? a.Visits.Max(v => v.Date) : null)));
    }

    private async Task<IActionResult> FormPage(ActivityForm form, CancellationToken ct)
    {
        form.PadBudgetLines();
        return View("Create", new ActivityFormViewModel(form, await ActivityLookups.TradesAsync(db, ct), await ActivityLookups.ConventionsAsync(db, ct)));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
