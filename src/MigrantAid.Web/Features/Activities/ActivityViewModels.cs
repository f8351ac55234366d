using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Activities;

public sealed record Choice(int Id, string Label);

public sealed record ActivityRow(int Id, string Name, string City, string Region, ActivityStatus Status, DateOnly StatusDate,
    decimal GrantRequested, decimal? GrantGranted, int Members);

public sealed record ActivityListViewModel(IReadOnlyList<ActivityRow> Rows, ActivityStatus? Status, int? RegionId, int? ConventionId, int Total,
    Pager Pager, IReadOnlyList<Choice> Regions, IReadOnlyList<Choice> Conventions);

public sealed record ActivityFormViewModel(ActivityForm Form, IReadOnlyList<Choice> Trades, IReadOnlyList<Choice> Conventions);

/// <summary>The forms of the details page, kept as typed when a rule refuses them.</summary>
public sealed class DetailsForms
{
    public DecisionForm Decision { get; init; } = new();
    public TrancheForm Tranche { get; init; } = new();
    public VisitForm Visit { get; init; } = new() { Operating = true };
    public EndForm End { get; init; } = new();

    /// <summary>The model-state key under which a refused step's message is shown.</summary>
    public string Field { get; init; } = "End";
}

public sealed record ActivityDetailsViewModel(IncomeActivity Activity, IReadOnlyList<string> Conventions, DetailsForms Forms, DateOnly? NextVisitDue);

public static class ActivityLookups
{
    public static async Task<IReadOnlyList<Choice>> RegionsAsync(AppDbContext db, CancellationToken ct)
    {
        var language = Cultures.Current;
        return (await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct)).Select(r => new Choice(r.Id, r.Name(language))).ToList();
    }

    public static async Task<IReadOnlyList<Choice>> TradesAsync(AppDbContext db, CancellationToken ct)
    {
        var language = Cultures.Current;
        return (await db.Trades.AsNoTracking().ToListAsync(ct)).Select(t => new Choice(t.Id, t.Name(language)))
            .OrderBy(t => t.Label, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The conventions a record may be attributed to (all of them for now; the conventions feature may scope this later).</summary>
    public static async Task<IReadOnlyList<Choice>> ConventionsAsync(AppDbContext db, CancellationToken ct) =>
        await db.PartnerConventions.AsNoTracking().OrderBy(c => c.Reference)
            .Select(c => new Choice(c.Id, c.Reference + " — " + c.Title)).ToListAsync(ct);
}

/// <summary>Writes a record's attributions to conventions (the generic ConventionAttribution table).</summary>
public static class ConventionAttributions
{
    public static async Task SetAsync(AppDbContext db, AttributedRecordKind kind, int recordId, IEnumerable<int> conventionIds, CancellationToken ct)
    {
        var wanted = conventionIds.Distinct().ToList();
        // The conventions the user may read (scope filter): the form shows only those, so an
        // attribution to another convention (made by the national level) is left as it is.
        var readable = db.PartnerConventions.Select(c => c.Id);
        var known = await readable.Where(id => wanted.Contains(id)).ToListAsync(ct);
        var existing = await db.ConventionAttributions.Where(a => a.RecordKind == kind && a.RecordId == recordId && readable.Contains(a.PartnerConventionId)).ToListAsync(ct);
        db.ConventionAttributions.RemoveRange(existing.Where(a => !known.Contains(a.PartnerConventionId)));
        db.ConventionAttributions.AddRange(known.Where(id => existing.All(a => a.PartnerConventionId != id))
            .Select(id => new ConventionAttribution { PartnerConventionId = id, RecordKind = kind, RecordId = recordId }));
        await db.SaveChangesAsync(ct);
    }
}
public sealed record ConventionPicker(IReadOnlyList<Choice> Choices, IReadOnlyCollection<int> Selected);
