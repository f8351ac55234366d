using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>Enrolments on the case file's timeline: the application, then the current status, linked to the enrolment.</summary>
public sealed class EnrolmentTimelineSource(AppDbContext db, IStringLocalizer<SharedResource> l) : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineItem>> GetAsync(int migrantId, CancellationToken ct)
    {
        var language = Cultures.Current;
        var rows = await db.Enrolments.AsNoTracking().Where(e => e.MigrantId == migrantId)
            .Select(e => new
            {
                e.Id, e.StartDate, e.Status, e.StatusDate, Centre = e.TrainingCentre!.Name,
                Trade = language == "ar" ? e.Trade!.NameAr : language == "en" ? e.Trade!.NameEn : e.Trade!.NameFr,
            })
            .ToListAsync(ct);
        var items = new List<TimelineItem>();
        foreach (var e in rows)
        {
            var url = $"/Enrolments/Details/{e.Id}";
            var what = l["Migrants.Timeline.EnrolmentAt", e.Trade, e.Centre].Value;
            items.Add(new TimelineItem(e.StartDate, "Migrants.Timeline.Enrolment", what, l["EnrolmentStatus." + EnrolmentStatus.Applied], url));
            if (e.Status != EnrolmentStatus.Applied)
            {
                items.Add(new TimelineItem(e.StatusDate, "Migrants.Timeline.Enrolment", what, l["EnrolmentStatus." + e.Status], url));
            }
        }
        return items;
    }
}

/// <summary>A merge moves the merged file's enrolments to the kept file (and back on undo).</summary>
public sealed class EnrolmentMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(Enrolment);

    // Enrolments are scoped by centre: a regional manager merging two files of their region moves all of them.
    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        // Scope bypass: a merge moves every enrolment of the merged file, whatever centre holds it.
        var rows = await db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(e => e.MigrantId == fromId).ToListAsync(ct);
        rows.ForEach(e => e.MigrantId = to.Id);
        return rows.Select(e => e.Id).ToList();
    }

    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct) =>
        // Scope bypass: undoing a merge restores the enrolments it moved, whatever centre holds them.
        (await db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(e => ids.Contains(e.Id)).ToListAsync(ct)).ForEach(e => e.MigrantId = to.Id);
}
