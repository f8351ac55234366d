using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>
/// The filters of the bulk attribution page, one set per record kind: enrolments by centre,
/// academic year, trade and status; income-generating activities by region, status, sector and
/// first-funding dates; aid distributions by region, site, kind and dates.
/// </summary>
public sealed class BulkAttributionForm
{
    public AttributedRecordKind Kind { get; set; } = AttributedRecordKind.Enrolment;

    public string? CentreCode { get; set; }
    public int? AcademicYear { get; set; }
    public int? TradeId { get; set; }
    public EnrolmentStatus? EnrolmentStatus { get; set; }

    public int? RegionId { get; set; }
    public ActivityStatus? ActivityStatus { get; set; }
    public ActivitySector? Sector { get; set; }
    public DateOnly? FundedFrom { get; set; }
    public DateOnly? FundedTo { get; set; }

    public int? SiteId { get; set; }
    public AidKind? AidKind { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Attribute (false) or remove the attribution (true).</summary>
    public bool Remove { get; set; }

    /// <summary>The filters of the chosen kind that are set, as form fields (name, value): carried by the confirm forms and the redirect.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields()
    {
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string N(int i) => i.ToString(CultureInfo.InvariantCulture);
        var fields = new List<(string, string?)> { (nameof(Kind), Kind.ToString()) };
        switch (Kind)
        {
            case AttributedRecordKind.Enrolment:
                fields.AddRange([(nameof(CentreCode), string.IsNullOrWhiteSpace(CentreCode) ? null : CentreCode.Trim()),
                    (nameof(AcademicYear), AcademicYear is { } y ? N(y) : null), (nameof(TradeId), TradeId is { } t ? N(t) : null),
                    (nameof(EnrolmentStatus), EnrolmentStatus?.ToString())]);
                break;
            case AttributedRecordKind.IncomeGeneratingActivity:
                fields.AddRange([(nameof(RegionId), RegionId is { } r ? N(r) : null), (nameof(ActivityStatus), ActivityStatus?.ToString()),
                    (nameof(Sector), Sector?.ToString()), (nameof(FundedFrom), FundedFrom is { } f ? Iso(f) : null), (nameof(FundedTo), FundedTo is { } u ? Iso(u) : null)]);
                break;
            default:
                fields.AddRange([(nameof(RegionId), RegionId is { } g ? N(g) : null), (nameof(SiteId), SiteId is { } s ? N(s) : null),
                    (nameof(AidKind), AidKind?.ToString()), (nameof(From), From is { } a ? Iso(a) : null), (nameof(To), To is { } b ? Iso(b) : null)]);
                break;
        }
        return fields.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!)).ToList();
    }

    /// <summary>A bulk change needs at least one filter beyond the kind: "every record" is never one click away.</summary>
    public bool HasFilter => Fields().Count > 1;
}

/// <summary>
/// Attribution of many records at once to one convention: the records of a kind the user may
/// see (row scope) that match the filters. Idempotent: a record already attributed is left as
/// it is (one row per convention, kind and record); each row added or removed is audited by the
/// save like any change.
/// </summary>
public sealed class BulkAttribution(AppDbContext db, IStringLocalizer<SharedResource> l)
{
    public static readonly AttributedRecordKind[] Kinds =
        [AttributedRecordKind.Enrolment, AttributedRecordKind.IncomeGeneratingActivity, AttributedRecordKind.AidDistribution];

    /// <summary>The ids of the matching records, or the field and message of a filter that cannot be used.</summary>
    public async Task<(IQueryable<int>? Ids, string? Field, string? Error)> MatchingAsync(BulkAttributionForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        switch (form.Kind)
        {
            case AttributedRecordKind.Enrolment:
            {
                var query = db.Enrolments.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(form.CentreCode))
                {
                    var code = form.CentreCode.Trim();
                    var centre = await db.TrainingCentres.Where(c => c.Code == code).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
                    if (centre is null)
                    {
                        return (null, nameof(form.CentreCode), l["Conventions.CentreNotFound"]);
                    }
                    query = query.Where(e => e.TrainingCentreId == centre);
                }
                if (form.AcademicYear is { } year)
                {
                    query = query.Where(e => e.AcademicYear == year);
                }
                if (form.TradeId is { } trade)
                {
                    query = query.Where(e => e.TradeId == trade);
                }
                if (form.EnrolmentStatus is { } status)
                {
                    query = query.Where(e => e.Status == status);
                }
                return (query.Select(e => e.Id), null, null);
            }
            case AttributedRecordKind.IncomeGeneratingActivity:
            {
                if (form.FundedFrom > form.FundedTo)
                {
                    return (null, nameof(form.FundedTo), l["Conventions.BulkDatesInvalid"]);
                }
                var query = db.IncomeActivities.AsNoTracking();
                if (form.RegionId is { } region)
                {
                    query = query.Where(a => a.RegionId == region);
                }
                if (form.ActivityStatus is { } status)
                {
                    query = query.Where(a => a.Status == status);
                }
                if (form.Sector is { } sector)
                {
                    query = query.Where(a => a.Sector == sector);
                }
                if (form.FundedFrom is { } from)
                {
                    query = query.Where(a => a.FirstFundedOn >= from);
                }
                if (form.FundedTo is { } to)
                {
                    query = query.Where(a => a.FirstFundedOn <= to);
                }
                return (query.Select(a => a.Id), null, null);
            }
            case AttributedRecordKind.AidDistribution:
            {
                if (form.From > form.To)
                {
                    return (null, nameof(form.To), l["Conventions.BulkDatesInvalid"]);
                }
                var query = db.AidDistributions.AsNoTracking();
                if (form.RegionId is { } region)
                {
                    query = query.Where(d => d.RegionId == region);
                }
                if (form.SiteId is { } site)
                {
                    query = query.Where(d => d.AidSiteId == site);
                }
                if (form.AidKind is { } kind)
                {
                    query = query.Where(d => d.Kind == kind);
                }
                if (form.From is { } from)
                {
                    query = query.Where(d => d.Date >= from);
                }
                if (form.To is { } to)
                {
                    query = query.Where(d => d.Date <= to);
                }
                return (query.Select(d => d.Id), null, null);
            }
            default:
                return (null, nameof(form.Kind), l["Conventions.FilterRequired"]);
        }
    }

    private IQueryable<ConventionAttribution> Attributions(int conventionId, AttributedRecordKind kind) =>
        db.ConventionAttributions.Where(a => a.PartnerConventionId == conventionId && a.RecordKind == kind);

    /// <summary>How many records match, and how many of them are already attributed to the convention.</summary>
    public async Task<(int Matching, int Already)> CountAsync(int conventionId, AttributedRecordKind kind, IQueryable<int> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var matching = await ids.CountAsync(ct);
        var already = matching == 0 ? 0 : await Attributions(conventionId, kind).CountAsync(a => ids.Contains(a.RecordId), ct);
        return (matching, already);
    }

    /// <summary>Attributes the matching records not yet attributed, or removes the attribution of those that are; the number changed.</summary>
    public async Task<int> ApplyAsync(int conventionId, AttributedRecordKind kind, IQueryable<int> ids, bool remove, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var attributed = Attributions(conventionId, kind);
        int changed;
        if (remove)
        {
            var existing = await attributed.Where(a => ids.Contains(a.RecordId)).ToListAsync(ct);
            db.ConventionAttributions.RemoveRange(existing);
            changed = existing.Count;
        }
        else
        {
            var missing = await ids.Where(i => !attributed.Any(a => a.RecordId == i)).ToListAsync(ct);
            db.ConventionAttributions.AddRange(missing.Select(i => new ConventionAttribution { PartnerConventionId = conventionId, RecordKind = kind, RecordId = i }));
            changed = missing.Count;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }
}
