using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Activities;

public static class ActivitiesSetup
{
    public static IServiceCollection AddActivitiesFeature(this IServiceCollection services)
    {
        services.AddNavEntry("/Activities", "Nav.Activities", Permissions.ActivitiesRead, 50);
        services.AddHomeWidget<VisitsDueViewComponent>(40, s => s.Kind == ScopeKind.Region && s.Has(Permissions.ActivitiesWrite));
        services.AddHomeWidget<AwaitingApprovalViewComponent>(35, s => s.Kind == ScopeKind.Region && s.Has(Permissions.ActivitiesApprove));
        services.AddPersonAction(new PersonAction("~/Activities/Create?migrantId={0}", "Activities.Propose", Permissions.ActivitiesWrite, 10, OnRiskList: true));
        services.AddScoped<ITimelineSource, ActivityTimelineSource>();
        services.AddScoped<IMigrantMergeParticipant, ActivityMemberMergeParticipant>();
        services.AddScoped<IConventionMoneySource, ActivityMoneySource>();
        services.AddScoped<MigrantAid.Web.Features.Dashboard.IDashboardSection, ActivitiesDashboardSection>();
        services.AddScoped<IIndicatorSource, ActivityIndicatorSource>();
        services.AddScoped<IDemoDataContributor, ActivitiesDemoData>();
        return services;
    }
}

/// <summary>"Visits due" on the home page of the region's social workers: funded or operating activities whose follow-up visit is due within two weeks or late.</summary>
public sealed class VisitsDueViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public const int DaysAhead = 14;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var today = clock.Today();
        var open = await db.IncomeActivities.AsNoTracking()
            .Where(a => a.Status == ActivityStatus.Funded || a.Status == ActivityStatus.Operating)
            .Select(a => new { a.Id, a.Name, a.City, a.Status, a.FirstFundedOn, Last = a.Visits.Max(v => (DateOnly?)v.Date) })
            .ToListAsync(HttpContext.RequestAborted);
        var due = open.Select(a => new VisitDue(a.Id, a.Name, a.City, IncomeActivity.NextVisitDue(a.Status, a.FirstFundedOn, a.Last)!.Value))
            .Where(a => a.DueOn <= today.AddDays(DaysAhead)).OrderBy(a => a.DueOn).ToList();
        return View("~/Features/Activities/_VisitsDue.cshtml", new VisitsDueViewModel(due, today));
    }
}

public sealed record VisitDue(int Id, string Name, string City, DateOnly DueOn);
public sealed record VisitsDueViewModel(IReadOnlyList<VisitDue> Rows, DateOnly Today);

/// <summary>
/// The activities a person takes part in, on their case file. Staff who may read activities
/// see each step with a link; a centre director (whose apprentice it is: the case file is
/// already restricted to them) sees the status only.
/// </summary>
public sealed class ActivityTimelineSource(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineItem>> GetAsync(int migrantId, CancellationToken ct)
    {
        var staff = user.Has(Permissions.ActivitiesRead);
        if (!staff && user.Scope.Kind != ScopeKind.Centre)
        {
            return [];
        }
        var query = staff
            ? db.IncomeActivities.AsNoTracking()
            // Scope bypass: a director sees the status (only) of their own apprentices' activities; this runs for a case file they may open.
            : db.IncomeActivities.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var rows = await query.Where(a => a.Members.Any(m => m.MigrantId == migrantId))
            .Select(a => new { a.Id, a.Name, a.Status, a.StatusDate, a.ProposedOn }).ToListAsync(ct);
        var items = new List<TimelineItem>();
        foreach (var a in rows)
        {
            var status = l["ActivityStatus." + a.Status].Value;
            if (!staff)
            {
                items.Add(new TimelineItem(a.StatusDate, "Migrants.Timeline.Activity", l["Activities.TimelineStatus"], status));
                continue;
            }
            var url = $"/Activities/Details/{a.Id}";
            items.Add(new TimelineItem(a.ProposedOn, "Migrants.Timeline.Activity", a.Name, l["ActivityStatus." + ActivityStatus.Proposed], url));
            if (a.Status != ActivityStatus.Proposed)
            {
                items.Add(new TimelineItem(a.StatusDate, "Migrants.Timeline.Activity", a.Name, status, url));
            }
        }
        return items;
    }
}

/// <summary>
/// The activity indicators of the conventions: funded activities (by first funding date) and
/// those operating at 6 and 12 months (by the same date, so survival = operating ÷ funded of
/// one cohort). One fact per activity (no person: <see cref="IndicatorFact.MigrantId"/> null).
/// Reporting path: reads across the row scope, numbers only.
/// </summary>
public sealed class ActivityIndicatorSource : IIndicatorSource
{
    public IReadOnlyCollection<IndicatorKind> Kinds { get; } =
        [IndicatorKind.ActivitiesFunded, IndicatorKind.ActivitiesOperatingAtSixMonths, IndicatorKind.ActivitiesOperatingAtTwelveMonths];

    public IQueryable<IndicatorFact> Facts(AppDbContext db, IndicatorKind kind, IReadOnlyCollection<int> conventionIds, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Scope bypass: convention indicators are numbers over every region the convention covers (reporting path, no person row leaves it).
        var activities = db.IncomeActivities.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(a => a.FirstFundedOn != null && a.FirstFundedOn >= from && a.FirstFundedOn < to);
        activities = kind switch
        {
            IndicatorKind.ActivitiesFunded => activities,
            IndicatorKind.ActivitiesOperatingAtSixMonths => activities.Where(a => a.OperatingAtSixMonths == true),
            IndicatorKind.ActivitiesOperatingAtTwelveMonths => activities.Where(a => a.OperatingAtTwelveMonths == true),
            _ => activities.Where(a => false),
        };
        return from a in activities
               join x in db.ConventionAttributions on a.Id equals x.RecordId
               where x.RecordKind == AttributedRecordKind.IncomeGeneratingActivity && conventionIds.Contains(x.PartnerConventionId)
               select new IndicatorFact
               {
                   ConventionId = x.PartnerConventionId, Date = a.FirstFundedOn!.Value, MigrantId = null, HeadCount = 1,
                   Sex = null, BirthYear = null, Child = null, NationalityId = null, Disability = null,
                   RegionId = a.RegionId, Quantity = 1, Category = a.Sector.ToString(),
               };
    }
}
