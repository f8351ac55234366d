using MigrantAid.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// One dated event in a migrant's case file. Title and Detail are already localized; Kind is
/// a resource key used for the badge (e.g. "Migrants.Timeline.CaseNote").
/// </summary>
public sealed record TimelineItem(DateOnly Date, string Kind, string Title, string? Detail, string? Url = null, bool Confidential = false);

/// <summary>
/// A source of timeline items. Each feature that records something about a person (case
/// notes and needs here; enrolments, aid, income-generating activities elsewhere) registers
/// one in DI: <c>services.AddScoped&lt;ITimelineSource, MySource&gt;()</c>. Sources query
/// through the row-scoped AppDbContext and leave out what the user may not see.
/// </summary>
public interface ITimelineSource
{
    Task<IReadOnlyList<TimelineItem>> GetAsync(int migrantId, CancellationToken ct);
}

public sealed class CaseNoteTimelineSource(AppDbContext db, CurrentUser user, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineItem>> GetAsync(int migrantId, CancellationToken ct)
    {
        var sensitive = MigrantAccess.MaySeeSensitive(user);
        var notes = await db.CaseNotes.AsNoTracking()
            .Where(n => n.MigrantId == migrantId && (sensitive || !n.Confidential))
            .Select(n => new { n.Date, n.Kind, n.Text, n.Confidential }).ToListAsync(ct);
        return notes.Select(n => new TimelineItem(n.Date, "Migrants.Timeline.CaseNote", l["CaseNoteKind." + n.Kind], n.Text, null, n.Confidential)).ToList();
    }
}

public sealed class NeedTimelineSource(AppDbContext db, CurrentUser user, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineItem>> GetAsync(int migrantId, CancellationToken ct)
    {
        // Needs include health and legal matters: sensitive.
        if (!MigrantAccess.MaySeeSensitive(user))
        {
            return [];
        }
        var needs = await db.Needs.AsNoTracking().Where(n => n.MigrantId == migrantId)
            .Select(n => new { n.Kind, n.Status, n.ReferredTo, n.OpenedOn, n.ReferredOn, n.ClosedOn }).ToListAsync(ct);
        var items = new List<TimelineItem>();
        foreach (var n in needs)
        {
            var kind = l["NeedKind." + n.Kind];
            items.Add(new TimelineItem(n.OpenedOn, "Migrants.Timeline.Need", l["Migrants.Timeline.NeedOpened", kind], n.ReferredTo));
            if (n.ReferredOn is { } referred)
            {
                items.Add(new TimelineItem(referred, "Migrants.Timeline.Need", l["Migrants.Timeline.NeedReferred", kind], n.ReferredTo));
            }
            if (n.ClosedOn is { } closed)
            {
                items.Add(new TimelineItem(closed, "Migrants.Timeline.Need", l["Migrants.Timeline.NeedClosed", kind, l["NeedStatus." + n.Status]], n.ReferredTo));
            }
        }
        return items;
    }
}

public static class MigrantsFeature
{
    /// <summary>The services of the migrant registry; other features add their own ITimelineSource.</summary>
    public static IServiceCollection AddMigrantsFeature(this IServiceCollection services)
    {
        services.AddScoped<MigrantRegistry>();
        services.AddMemoryCache();
        services.AddSingleton<NationalitiesInUse>();
        services.AddNavEntry("/Migrants", "Nav.Migrants", Permissions.MigrantsRead, 10);
        // The social worker's day: their files, open needs, expiring cards, alerts from centres.
        services.AddHomeWidget<SocialWorkerHomeViewComponent>(15, s => s.Kind == ScopeKind.Region && s.Has(Permissions.MigrantsWrite) && !s.Has(Permissions.DashboardsRead));
        services.AddScoped<MigrantImport>();
        services.AddScoped<BulkFileWriter>();
        services.AddSingleton<ImportProgress>();
        services.AddScoped<MigrantMerger>();
        services.AddScoped<IMigrantMergeParticipant, CaseNoteMergeParticipant>();
        services.AddScoped<IMigrantMergeParticipant, NeedMergeParticipant>();
        services.AddScoped<IMigrantMergeParticipant, HouseholdMergeParticipant>();
        services.AddScoped<IMigrantMergeParticipant, HouseholdLinkMergeParticipant>();
        services.AddScoped<ITimelineSource, CaseNoteTimelineSource>();
        services.AddScoped<ITimelineSource, NeedTimelineSource>();
        services.AddScoped<ITimelineSource, EnrolmentTimelineSource>();
        services.AddScoped<IMigrantMergeParticipant, EnrolmentMergeParticipant>();
        return services;
    }
}
