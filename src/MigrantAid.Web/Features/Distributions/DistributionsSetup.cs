using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Distributions;

public static class DistributionsSetup
{
    public static IServiceCollection AddDistributionsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AidOptions>(configuration.GetSection("Aid"));
        services.AddNavEntry("/Distributions", "Nav.Distributions", Permissions.AidRead, 60);
        services.AddPersonAction(new PersonAction("~/Distributions/Card/{0}", "Distributions.Card", Permissions.AidRead, 20));
        services.AddScoped<ITimelineSource, AidTimelineSource>();
        services.AddScoped<IMigrantMergeParticipant, AidRecipientMergeParticipant>();
        services.AddScoped<AidRepeats>();
        services.AddScoped<MigrantAid.Web.Features.Dashboard.IDashboardSection, AidDashboardSection>();
        services.AddScoped<IConventionMoneySource, AidMoneySource>();
        services.AddScoped<RecipientListUpload>();
        services.AddScoped<IIndicatorSource, AidIndicatorSource>();
        services.AddScoped<IDemoDataContributor, DistributionsDemoData>();
        return services;
    }
}

/// <summary>Aid a person received, on their case file, for the staff who may read distributions.</summary>
public sealed class AidTimelineSource(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineItem>> GetAsync(int migrantId, CancellationToken ct)
    {
        if (!user.Has(Permissions.AidRead))
        {
            return [];
        }
        var rows = await db.AidRecipients.AsNoTracking().Where(r => r.MigrantId == migrantId)
            .Select(r => new { r.AidDistributionId, r.Distribution!.Date, r.Distribution.Kind, Site = r.Distribution.Site!.Name + ", " + r.Distribution.Site.City, r.RepeatReason })
            .ToListAsync(ct);
        return rows.Select(r => new TimelineItem(r.Date, "Migrants.Timeline.Aid", l["Distributions.TimelineTitle", l["AidKind." + r.Kind], r.Site],
            r.RepeatReason is null ? null : l["Distributions.RepeatReasonShown", r.RepeatReason].Value, $"/Distributions/Details/{r.AidDistributionId}")).ToList();
    }
}

/// <summary>
/// Aid indicators: recipients (registered people with their file, plus the head-counts of people
/// not registered, by sex and age band) and quantities by kind of aid. Reporting path: reads
/// across the row scope, numbers only.
/// </summary>
public sealed class AidIndicatorSource : IIndicatorSource
{
    public IReadOnlyCollection<IndicatorKind> Kinds { get; } = [IndicatorKind.AidRecipients, IndicatorKind.AidQuantity];

    public IQueryable<IndicatorFact> Facts(AppDbContext db, IndicatorKind kind, IReadOnlyCollection<int> conventionIds, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Scope bypass: convention indicators are numbers over every region the convention covers (reporting path, no person row leaves it).
        var distributions = from d in db.AidDistributions.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                            join x in db.ConventionAttributions on d.Id equals x.RecordId
                            where x.RecordKind == AttributedRecordKind.AidDistribution && conventionIds.Contains(x.PartnerConventionId)
                                && d.Date >= @from && d.Date < to
                            select new { d, x.PartnerConventionId };
        if (kind == IndicatorKind.AidQuantity)
        {
            return distributions.Select(p => new IndicatorFact
            {
                ConventionId = p.PartnerConventionId, Date = p.d.Date, MigrantId = null, HeadCount = 0, Sex = null, BirthYear = null, Child = null,
                NationalityId = null, Disability = null, RegionId = p.d.RegionId, Quantity = p.d.ActualQuantity, Category = p.d.Kind.ToString(),
            });
        }
        if (kind != IndicatorKind.AidRecipients)
        {
            return Enumerable.Empty<IndicatorFact>().AsQueryable();
        }
        var registered = from p in distributions
                         // Scope bypass: as above, the registered recipients' sex, birth year and nationality for disaggregation (never a name or number).
                         join r in db.AidRecipients.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on p.d.Id equals r.AidDistributionId
                         // Scope bypass: as above.
                         join m in db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on r.MigrantId equals m.Id
                         select new IndicatorFact
                         {
                             ConventionId = p.PartnerConventionId, Date = p.d.Date, MigrantId = m.Id, HeadCount = 1, Sex = m.Sex, BirthYear = m.BirthYear, Child = null,
                             NationalityId = m.NationalityId, Disability = m.HasDisability, RegionId = p.d.RegionId, Quantity = 1, Category = p.d.Kind.ToString(),
                         };
        IQueryable<IndicatorFact> Heads(Sex sex, bool child) =>
             distributions.Select(p => new
            {
                p.PartnerConventionId, p.d.Date, p.d.RegionId, p.d.Kind,
                Count = child ? (sex == Sex.Female ? p.d.UnregisteredGirls : p.d.UnregisteredBoys) : (sex == Sex.Female ? p.d.UnregisteredWomen : p.d.UnregisteredMen),
            }).Where(h => h.Count > 0).Select(h => new IndicatorFact
            {
                ConventionId = h.PartnerConventionId, Date = h.Date, MigrantId = null, HeadCount = h.Count, Sex = sex, BirthYear = null, Child = child,
                NationalityId = null, Disability = null, RegionId = h.RegionId, Quantity = 1, Category = h.Kind.ToString(),
            });
        return registered
            .Concat(Heads(Sex.Female, true))
            .Concat(Heads(Sex.Male, true))
            .Concat(Heads(Sex.Female, false))
            .Concat(Heads(Sex.Male, false));
    }
}
