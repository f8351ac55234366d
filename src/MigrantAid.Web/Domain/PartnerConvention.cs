namespace MigrantAid.Web.Domain;

/// <summary>Life cycle of a convention (DOMAIN.md): Identified → InNegotiation → Finalising → Signed → InForce → Closed, or Suspended, Cancelled.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Signed is the status DOMAIN.md names, not a type.")]
public enum ConventionStatus { Identified, InNegotiation, Finalising, Signed, InForce, Suspended, Closed, Cancelled }

/// <summary>What a convention funds (several may apply).</summary>
[Flags]
public enum ConventionTheme
{
    None = 0,
    VocationalTraining = 1,
    IncomeGeneratingActivities = 2,
    SocialIntegration = 4,
    HumanitarianAid = 8,
    CapacityBuilding = 16,
}

/// <summary>
/// A partner's roles in a convention, on the IATI organisation-role codelist (1 Funding,
/// 2 Accountable, 3 Extending, 4 Implementing): one partner may hold several.
/// </summary>
[Flags]
public enum OrganisationRoles
{
    None = 0,
    Funding = 1,
    Accountable = 2,
    Extending = 4,
    Implementing = 8,
}

public static class OrganisationRoleCodes
{
    public static readonly IReadOnlyList<(OrganisationRoles Role, int Code)> All =
        [(OrganisationRoles.Funding, 1), (OrganisationRoles.Accountable, 2), (OrganisationRoles.Extending, 3), (OrganisationRoles.Implementing, 4)];

    public static IEnumerable<OrganisationRoles> Split(OrganisationRoles roles) => All.Select(r => r.Role).Where(r => roles.HasFlag(r));

    public static int Code(OrganisationRoles role) => All.Single(r => r.Role == role).Code;
}

public enum ConventionCurrency { EUR, CHF, MAD }

/// <summary>
/// A partner convention (EU, Belgian, Swiss cooperation, the Italian association's EU project):
/// the records attributed to it feed its indicators. The conventions feature owns its fields,
/// life cycle and pages; other features only attribute their records to it. Status moves only
/// through the methods below, which refuse what the life cycle forbids.
/// </summary>
public class PartnerConvention : Entity
{
    public const int ReferenceMaxLength = 40;
    public const int TitleMaxLength = 300;
    public const int AgeBandsMaxLength = 60;
    public const int NoteMaxLength = 1000;
    /// <summary>DOMAIN.md: the default age bands, 0–17, 18–24, 25–34, 35–59, 60+ (lower bounds).</summary>
    public const string DefaultAgeBands = "0,18,25,35,60";

    public string Reference { get; set; } = "";
    public string Title { get; set; } = "";
    public string? TitleAr { get; set; }
    public string? TitleEn { get; set; }
    public ConventionTheme Themes { get; set; }
    public ConventionCurrency Currency { get; set; } = ConventionCurrency.EUR;
    /// <summary>Total budget in the convention's currency.</summary>
    public decimal Budget { get; set; }
    /// <summary>The agency's own contribution, in the convention's currency.</summary>
    public decimal AgencyShare { get; set; }
    /// <summary>MAD for one unit of the currency (1 for MAD), to report every convention in dirhams.</summary>
    public decimal ExchangeRateToMad { get; set; } = 1;
    public DateOnly? SignatureDate { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    /// <summary>Lower bounds of the age bands the convention reports by, comma-separated ("0,18,25,35,60").</summary>
    public string AgeBands { get; set; } = DefaultAgeBands;
    /// <summary>Demo data: plausible figures, not the real convention's.</summary>
    public bool IsDemo { get; set; }

    public ConventionStatus Status { get; private set; } = ConventionStatus.Identified;
    public DateOnly? StatusDate { get; private set; }
    /// <summary>While suspended: the status to resume to.</summary>
    public ConventionStatus? SuspendedFrom { get; private set; }

    public List<ConventionPartner> Partners { get; set; } = [];
    public List<ConventionRegion> Regions { get; set; } = [];
    public List<ConventionIndicator> Indicators { get; set; } = [];

    public decimal BudgetInMad => Budget * ExchangeRateToMad;

    public static readonly ConventionStatus[] Ended = [ConventionStatus.Closed, ConventionStatus.Cancelled];

    public void StartNegotiation(DateOnly date) => Move(date, ConventionStatus.InNegotiation, [ConventionStatus.Identified]);

    public void StartFinalising(DateOnly date) => Move(date, ConventionStatus.Finalising, [ConventionStatus.InNegotiation]);

    public void Sign(DateOnly date)
    {
        Move(date, ConventionStatus.Signed, [ConventionStatus.Finalising]);
        SignatureDate = date;
    }

    /// <summary>Applies from its start date; the start is set if none was planned.</summary>
    public void EnterIntoForce(DateOnly date)
    {
        Move(date, ConventionStatus.InForce, [ConventionStatus.Signed]);
        StartDate ??= date;
    }

    public void Suspend(DateOnly date)
    {
        var from = Status;
        Move(date, ConventionStatus.Suspended, [ConventionStatus.Signed, ConventionStatus.InForce]);
        SuspendedFrom = from;
    }

    public void Resume(DateOnly date)
    {
        Move(date, SuspendedFrom ?? ConventionStatus.InForce, [ConventionStatus.Suspended]);
        SuspendedFrom = null;
    }

    public void Close(DateOnly date)
    {
        Move(date, ConventionStatus.Closed, [ConventionStatus.InForce, ConventionStatus.Suspended]);
        SuspendedFrom = null;
        EndDate ??= date;
    }

    /// <summary>A convention can be abandoned before it applies, never once in force (it is closed then).</summary>
    public void Cancel(DateOnly date) =>
        Move(date, ConventionStatus.Cancelled, [ConventionStatus.Identified, ConventionStatus.InNegotiation, ConventionStatus.Finalising, ConventionStatus.Signed]);

    /// <summary>The transitions the life cycle allows from the current status (for the page's buttons).</summary>
    public IReadOnlyList<ConventionTransition> AllowedTransitions() => Status switch
    {
        ConventionStatus.Identified => [ConventionTransition.StartNegotiation, ConventionTransition.Cancel],
        ConventionStatus.InNegotiation => [ConventionTransition.StartFinalising, ConventionTransition.Cancel],
        ConventionStatus.Finalising => [ConventionTransition.Sign, ConventionTransition.Cancel],
        ConventionStatus.Signed => [ConventionTransition.EnterIntoForce, ConventionTransition.Suspend, ConventionTransition.Cancel],
        ConventionStatus.InForce => [ConventionTransition.Suspend, ConventionTransition.Close],
        ConventionStatus.Suspended => [ConventionTransition.Resume, ConventionTransition.Close],
        _ => [],
    };

    public void Apply(ConventionTransition transition, DateOnly date)
    {
        switch (transition)
        {
            case ConventionTransition.StartNegotiation: StartNegotiation(date); break;
            case ConventionTransition.StartFinalising: StartFinalising(date); break;
            case ConventionTransition.Sign: Sign(date); break;
            case ConventionTransition.EnterIntoForce: EnterIntoForce(date); break;
            case ConventionTransition.Suspend: Suspend(date); break;
            case ConventionTransition.Resume: Resume(date); break;
            case ConventionTransition.Close: Close(date); break;
            case ConventionTransition.Cancel: Cancel(date); break;
            default: throw new DomainRuleException("Conventions.TransitionNotAllowed");
        }
    }

    /// <summary>Age bands as (lower, upper) inclusive years; the last band is open (upper null).</summary>
    public IReadOnlyList<(int From, int? To)> AgeBandList() => ParseAgeBands(AgeBands);

    public static IReadOnlyList<(int From, int? To)> ParseAgeBands(string? bands)
    {
        var bounds = (bands ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => int.TryParse(b, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1)
            .ToList();
        if (bounds.Count == 0 || bounds[0] != 0 || bounds.Any(b => b < 0 || b > 120) || bounds.Zip(bounds.Skip(1)).Any(p => p.Second <= p.First))
        {
            return [];
        }
        return bounds.Select((b, i) => (b, i + 1 < bounds.Count ? bounds[i + 1] - 1 : (int?)null)).ToList();
    }

    private void Move(DateOnly date, ConventionStatus to, ConventionStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new DomainRuleException("Conventions.TransitionNotAllowed");
        }
        if (StatusDate is { } previous && date < previous)
        {
            throw new DomainRuleException("Conventions.DateBeforePrevious");
        }
        Status = to;
        StatusDate = date;
    }
}

public enum ConventionTransition { StartNegotiation, StartFinalising, Sign, EnterIntoForce, Suspend, Resume, Close, Cancel }

/// <summary>A partner organisation of a convention, with its IATI roles.</summary>
public class ConventionPartner
{
    public int Id { get; set; }
    public int PartnerConventionId { get; set; }
    public int PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public OrganisationRoles Roles { get; set; }
}

/// <summary>A region the convention covers (the Rabat–Casablanca axis covers two).</summary>
public class ConventionRegion
{
    public int Id { get; set; }
    public int PartnerConventionId { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
}

public enum IndicatorPeriodKind { Year, Quarter }

/// <summary>
/// An indicator of a convention: what it counts (a kind of the fixed catalogue), its baseline
/// and its targets per period. Actuals are never typed: they are computed from the records
/// attributed to the convention.
/// </summary>
public class ConventionIndicator : Entity
{
    public const int CodeMaxLength = 20;
    public const int TitleMaxLength = 300;
    public const int UnitMaxLength = 40;

    public int PartnerConventionId { get; set; }
    public PartnerConvention? PartnerConvention { get; set; }
    public string Code { get; set; } = "";
    public string TitleFr { get; set; } = "";
    public string TitleAr { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string Unit { get; set; } = "";
    /// <summary>The <c>IndicatorKind</c> it counts (Features/Conventions/Indicators.cs), stored as its number.</summary>
    public int Kind { get; set; }
    public decimal Baseline { get; set; }
    public int? BaselineYear { get; set; }
    public List<IndicatorTarget> Targets { get; set; } = [];

    public string Title(string? language) => language switch
    {
        "ar" => string.IsNullOrEmpty(TitleAr) ? TitleFr : TitleAr,
        "en" => string.IsNullOrEmpty(TitleEn) ? TitleFr : TitleEn,
        _ => TitleFr,
    };
}

/// <summary>The target of an indicator for one period: a year (Quarter null) or a quarter of it.</summary>
public class IndicatorTarget
{
    public int Id { get; set; }
    public int ConventionIndicatorId { get; set; }
    public int Year { get; set; }
    /// <summary>1–4, or null for the whole year.</summary>
    public int? Quarter { get; set; }
    public decimal Value { get; set; }
}

/// <summary>
/// A report period: a year or a quarter, written "2018" or "2018-Q2". Dates are [Start, End).
/// </summary>
public readonly record struct ReportPeriod(int Year, int? Quarter)
{
    public DateOnly Start => Quarter is { } q ? new DateOnly(Year, (q - 1) * 3 + 1, 1) : new DateOnly(Year, 1, 1);
    public DateOnly EndExclusive => Quarter is not null ? Start.AddMonths(3) : Start.AddYears(1);
    public DateOnly LastDay => EndExclusive.AddDays(-1);

    public override string ToString() => Quarter is { } q
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Year}-Q{q}")
        : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out ReportPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().ToUpperInvariant().Split("-Q");
        if (!int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            return false;
        }
        if (parts.Length == 1)
        {
            period = new ReportPeriod(year, null);
            return true;
        }
        if (parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 4)
        {
            period = new ReportPeriod(year, q);
            return true;
        }
        return false;
    }
}

/// <summary>
/// The results of a closed period as they were sent to the partner (who froze them, when), so
/// next year's report compares with what was actually reported. The content is the report's
/// aggregate numbers (JSON), never a person.
/// </summary>
public class ReportVersion
{
    public const int PeriodMaxLength = 10;

    public int Id { get; set; }
    public int PartnerConventionId { get; set; }
    public string Period { get; set; } = "";
    public int Number { get; set; }
    public DateTimeOffset FrozenAt { get; set; }
    public string FrozenBy { get; set; } = "";
    public string Content { get; set; } = "";
}

/// <summary>The kinds of record that can be attributed to a convention.</summary>
public enum AttributedRecordKind
{
    Enrolment = 1,
    IncomeGeneratingActivity = 2,
    AidDistribution = 3,
}

/// <summary>
/// One record attributed to one convention (a record may be attributed to several). Generic on
/// purpose, so a feature attributes its records without a table of its own and the indicators
/// read one place.
/// </summary>
public class ConventionAttribution
{
    public int Id { get; set; }
    public int PartnerConventionId { get; set; }
    public PartnerConvention? PartnerConvention { get; set; }
    public AttributedRecordKind RecordKind { get; set; }
    public int RecordId { get; set; }
}
