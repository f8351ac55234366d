using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Conventions;

public sealed record PartnerRole(int PartnerId, string Code, string NameFr, string NameAr, string NameEn, PartnerKind Kind, string? CountryCode, OrganisationRoles Roles)
{
    public string Name(string? language) => language switch { "ar" => NameAr, "en" => NameEn, _ => NameFr };
}

public sealed record RegionRef(int Id, string Code, string NameFr, string NameAr, string NameEn)
{
    public string Name(string? language) => language switch { "ar" => NameAr, "en" => NameEn, _ => NameFr };
}

/// <summary>What a report says of the convention itself (no person anywhere).</summary>
public sealed record ConventionSummary(
    int Id, string Reference, string Title, string? TitleAr, string? TitleEn, ConventionTheme Themes, ConventionStatus Status,
    ConventionCurrency Currency, decimal Budget, decimal AgencyShare, decimal ExchangeRateToMad,
    DateOnly? SignatureDate, DateOnly? StartDate, DateOnly? EndDate, string AgeBands, bool IsDemo, Guid Version,
    IReadOnlyList<PartnerRole> Partners, IReadOnlyList<RegionRef> Regions)
{
    public string TitleIn(string? language) => language switch
    {
        "ar" when !string.IsNullOrEmpty(TitleAr) => TitleAr,
        "en" when !string.IsNullOrEmpty(TitleEn) => TitleEn,
        _ => Title,
    };

    /// <summary>The years the convention runs (for the period picker): its start to its end, or to today.</summary>
    public IReadOnlyList<int> Years(DateOnly today)
    {
        var first = (StartDate ?? SignatureDate ?? today).Year;
        var last = Math.Min((EndDate ?? today).Year, today.Year);
        return last < first ? [first] : Enumerable.Range(first, last - first + 1).ToList();
    }
}

public sealed record ReportRow(int IndicatorId, string Code, string TitleFr, string TitleAr, string TitleEn, string Unit, IndicatorKind Kind,
    decimal Baseline, int? BaselineYear, decimal? Target, IndicatorActual Actual)
{
    public string Title(string? language) => language switch
    {
        "ar" when TitleAr.Length > 0 => TitleAr,
        "en" when TitleEn.Length > 0 => TitleEn,
        _ => TitleFr,
    };

    /// <summary>Share of the target reached (null without a target).</summary>
    public decimal? Progress => Target is > 0 ? Actual.Total / Target.Value : null;
}

public sealed record FrozenInfo(int Number, DateTimeOffset FrozenAt, string FrozenBy);

public sealed record DonorReport(ConventionSummary Convention, ReportPeriod Period, IReadOnlyList<ReportRow> Rows, FrozenInfo? Frozen, bool Suppressed);

/// <summary>
/// Reports of a convention: the convention as the user may read it (the scope filter decides;
/// null means 404), the indicator table of a period computed from the attributed records — or
/// as frozen when it was sent — and freezing a closed period.
/// </summary>
public sealed class ConventionReports(AppDbContext db, IndicatorCalculator calculator, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Partners see aggregates with small cells suppressed; the agency's staff see the counts.</summary>
    public bool Suppress => !user.Has(Permissions.ConventionsRead);

    public async Task<ConventionSummary?> SummaryAsync(int id, CancellationToken ct)
    {
        var c = await db.PartnerConventions.AsNoTracking().Where(x => x.Id == id)
            .Include(x => x.Partners).ThenInclude(p => p.Partner).Include(x => x.Regions).ThenInclude(r => r.Region)
            .AsSplitQuery().SingleOrDefaultAsync(ct);
        return c is null ? null : ToSummary(c);
    }

    public static ConventionSummary ToSummary(PartnerConvention c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ConventionSummary(c.Id, c.Reference, c.Title, c.TitleAr, c.TitleEn, c.Themes, c.Status, c.Currency, c.Budget, c.AgencyShare,
            c.ExchangeRateToMad, c.SignatureDate, c.StartDate, c.EndDate, c.AgeBands, c.IsDemo, c.Version,
            c.Partners.Where(p => p.Partner is not null).OrderBy(p => p.Partner!.Code, StringComparer.Ordinal)
                .Select(p => new PartnerRole(p.PartnerId, p.Partner!.Code, p.Partner.NameFr, p.Partner.NameAr, p.Partner.NameEn, p.Partner.Kind, p.Partner.CountryCode, p.Roles)).ToList(),
            c.Regions.Where(r => r.Region is not null).OrderBy(r => r.Region!.Code, StringComparer.Ordinal)
                .Select(r => new RegionRef(r.RegionId, r.Region!.Code, r.Region.NameFr, r.Region.NameAr, r.Region.NameEn)).ToList());
    }

    public async Task<DonorReport> BuildAsync(ConventionSummary convention, ReportPeriod period, CancellationToken ct, bool live = false)
    {
        ArgumentNullException.ThrowIfNull(convention);
        var frozen = live ? null : await db.ReportVersions.AsNoTracking()
            .Where(v => v.PartnerConventionId == convention.Id && v.Period == period.ToString())
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        IReadOnlyList<ReportRow> rows = frozen is not null
            ? JsonSerializer.Deserialize<List<ReportRow>>(frozen.Content, Json) ?? []
            : await ComputeAsync(convention, period, ct);
        if (Suppress)
        {
            rows = rows.Select(r => r with { Actual = SuppressActual(r.Actual) }).ToList();
        }
        return new DonorReport(convention, period, rows,
            frozen is null ? null : new FrozenInfo(frozen.Number, frozen.FrozenAt, frozen.FrozenBy), Suppress);
    }

    private static IndicatorActual SuppressActual(IndicatorActual a) => IndicatorCalculator.IsQuantity(a.Kind) ? a : a with
    {
        TotalSuppressed = SmallCells.Hides(a.Total),
        Breakdowns = a.Breakdowns.Select(b => b with { Cells = SmallCells.Suppress(b.Cells) }).ToList(),
    };

    private async Task<IReadOnlyList<ReportRow>> ComputeAsync(ConventionSummary convention, ReportPeriod period, CancellationToken ct)
    {
        var indicators = await db.ConventionIndicators.AsNoTracking().Where(i => i.PartnerConventionId == convention.Id)
            .Include(i => i.Targets).OrderBy(i => i.Code).ToListAsync(ct);
        var rows = new List<ReportRow>();
        foreach (var i in indicators)
        {
            var kind = (IndicatorKind)i.Kind;
            var actual = await calculator.ComputeAsync(kind, [convention.Id], period, convention.AgeBands, suppress: false, ct);
            rows.Add(new ReportRow(i.Id, i.Code, i.TitleFr, i.TitleAr, i.TitleEn, i.Unit, kind, i.Baseline, i.BaselineYear, TargetFor(i, period), actual));
        }
        return rows;
    }

    /// <summary>The target of the period: the quarter's, or the year's (for a year, the sum of its quarters when only quarters are set).</summary>
    public static decimal? TargetFor(ConventionIndicator indicator, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var exact = indicator.Targets.FirstOrDefault(t => t.Year == period.Year && t.Quarter == period.Quarter);
        if (exact is not null)
        {
            return exact.Value;
        }
        var quarters = indicator.Targets.Where(t => t.Year == period.Year && t.Quarter is not null).ToList();
        return period.Quarter is null && quarters.Count > 0 ? quarters.Sum(t => t.Value) : null;
    }

    /// <summary>Only a period that has ended can be frozen; each freeze is a new version.</summary>
    public bool CanFreeze(ReportPeriod period) => period.EndExclusive <= clock.Today();

    public async Task<ReportVersion> FreezeAsync(ConventionSummary convention, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(convention);
        if (!CanFreeze(period))
        {
            throw new DomainRuleException("Conventions.PeriodNotClosed");
        }
        var rows = await ComputeAsync(convention, period, ct);
        var key = period.ToString();
        var number = 1 + (await db.ReportVersions.Where(v => v.PartnerConventionId == convention.Id && v.Period == key)
            .MaxAsync(v => (int?)v.Number, ct) ?? 0);
        var version = new ReportVersion
        {
            PartnerConventionId = convention.Id, Period = key, Number = number, FrozenAt = clock.GetUtcNow(),
            FrozenBy = user.Email ?? user.Id ?? "", Content = JsonSerializer.Serialize(rows, Json),
        };
        db.ReportVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }
}
