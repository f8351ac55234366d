using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Conventions;

public sealed class ConventionForm
{
    public Guid Version { get; set; }
    public string? Reference { get; set; }
    public string? Title { get; set; }
    public string? TitleAr { get; set; }
    public string? TitleEn { get; set; }
    public List<ConventionTheme> Themes { get; set; } = [];
    public List<int> RegionIds { get; set; } = [];
    /// <summary>One entry per partner row of the form; roles as the IATI role flags.</summary>
    public List<PartnerRoleInput> Partners { get; set; } = [];
    public ConventionCurrency? Currency { get; set; }
    public decimal? Budget { get; set; }
    public decimal? AgencyShare { get; set; }
    public decimal? ExchangeRateToMad { get; set; }
    public DateOnly? SignatureDate { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? AgeBands { get; set; }

    public static ConventionForm From(PartnerConvention c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Version = c.Version, Reference = c.Reference, Title = c.Title, TitleAr = c.TitleAr, TitleEn = c.TitleEn,
            Themes = Enum.GetValues<ConventionTheme>().Where(t => t != ConventionTheme.None && c.Themes.HasFlag(t)).ToList(),
            RegionIds = c.Regions.Select(r => r.RegionId).ToList(),
            Partners = c.Partners.Select(p => new PartnerRoleInput { PartnerId = p.PartnerId, Roles = OrganisationRoleCodes.Split(p.Roles).ToList() }).ToList(),
            Currency = c.Currency, Budget = c.Budget, AgencyShare = c.AgencyShare, ExchangeRateToMad = c.ExchangeRateToMad,
            SignatureDate = c.SignatureDate, StartDate = c.StartDate, EndDate = c.EndDate, AgeBands = c.AgeBands,
        };
    }

    public void ApplyTo(PartnerConvention c)
    {
        ArgumentNullException.ThrowIfNull(c);
        c.Reference = Reference!.Trim();
        c.Title = Title!.Trim();
        c.TitleAr = string.IsNullOrWhiteSpace(TitleAr) ? null : TitleAr.Trim();
        c.TitleEn = string.IsNullOrWhiteSpace(TitleEn) ? null : TitleEn.Trim();
        c.Themes = Themes.Aggregate(ConventionTheme.None, (a, t) => a | t);
        c.Currency = Currency!.Value;
        c.Budget = Budget ?? 0;
        c.AgencyShare = AgencyShare ?? 0;
        c.ExchangeRateToMad = c.Currency == ConventionCurrency.MAD ? 1 : ExchangeRateToMad ?? 1;
        c.SignatureDate = SignatureDate;
        c.StartDate = StartDate;
        c.EndDate = EndDate;
        c.AgeBands = string.IsNullOrWhiteSpace(AgeBands) ? PartnerConvention.DefaultAgeBands : AgeBands.Replace(" ", "", StringComparison.Ordinal);
        c.Regions.RemoveAll(r => !RegionIds.Contains(r.RegionId));
        foreach (var id in RegionIds.Distinct().Where(id => c.Regions.All(r => r.RegionId != id)))
        {
            c.Regions.Add(new ConventionRegion { RegionId = id });
        }
        var partners = SelectedPartners().ToDictionary(p => p.PartnerId!.Value, p => p.Roles.Aggregate(OrganisationRoles.None, (a, r) => a | r));
        c.Partners.RemoveAll(p => !partners.ContainsKey(p.PartnerId));
        foreach (var (id, roles) in partners)
        {
            if (c.Partners.FirstOrDefault(p => p.PartnerId == id) is { } existing)
            {
                existing.Roles = roles;
            }
            else
            {
                c.Partners.Add(new ConventionPartner { PartnerId = id, Roles = roles });
            }
        }
    }

    public IEnumerable<PartnerRoleInput> SelectedPartners() => Partners.Where(p => p.PartnerId is not null && p.Roles.Count > 0);
}

public sealed class PartnerRoleInput
{
    public int? PartnerId { get; set; }
    public List<OrganisationRoles> Roles { get; set; } = [];
}

public sealed class ConventionFormValidator : AbstractValidator<ConventionForm>
{
    public ConventionFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Reference).NotEmpty().WithMessage(_ => l["Conventions.ReferenceRequired"])
            .MaximumLength(PartnerConvention.ReferenceMaxLength).WithMessage(_ => l["Centres.TooLong", PartnerConvention.ReferenceMaxLength]);
        RuleFor(f => f.Title).NotEmpty().WithMessage(_ => l["Conventions.TitleRequired"])
            .MaximumLength(PartnerConvention.TitleMaxLength).WithMessage(_ => l["Centres.TooLong", PartnerConvention.TitleMaxLength]);
        RuleFor(f => f.TitleAr).MaximumLength(PartnerConvention.TitleMaxLength).WithMessage(_ => l["Centres.TooLong", PartnerConvention.TitleMaxLength]);
        RuleFor(f => f.TitleEn).MaximumLength(PartnerConvention.TitleMaxLength).WithMessage(_ => l["Centres.TooLong", PartnerConvention.TitleMaxLength]);
        RuleFor(f => f.Currency).NotNull().IsInEnum().WithMessage(_ => l["Conventions.CurrencyRequired"]);
        RuleFor(f => f.Budget).NotNull().InclusiveBetween(0, 1_000_000_000_000m).WithMessage(_ => l["Conventions.AmountInvalid"]);
        RuleFor(f => f.AgencyShare).InclusiveBetween(0, 1_000_000_000_000m).WithMessage(_ => l["Conventions.AmountInvalid"])
            .LessThanOrEqualTo(f => f.Budget ?? 0).When(f => f.Budget is not null && f.AgencyShare is not null).WithMessage(_ => l["Conventions.ShareAboveBudget"]);
        RuleFor(f => f.ExchangeRateToMad).GreaterThan(0).LessThan(1000).WithMessage(_ => l["Conventions.RateInvalid"]);
        RuleFor(f => f.EndDate).GreaterThan(f => f.StartDate).When(f => f.StartDate is not null && f.EndDate is not null)
            .WithMessage(_ => l["Conventions.EndBeforeStart"]);
        RuleFor(f => f.RegionIds).NotEmpty().WithMessage(_ => l["Conventions.RegionRequired"]);
        RuleFor(f => f.Partners).Must(p => p.Any(x => x.PartnerId is not null && x.Roles.Count > 0)).WithMessage(_ => l["Conventions.PartnerRequired"])
            .Must(p => p.Where(x => x.PartnerId is not null && x.Roles.Count > 0).GroupBy(x => x.PartnerId).All(g => g.Count() == 1))
            .WithMessage(_ => l["Conventions.PartnerTwice"]);
        RuleFor(f => f.AgeBands).Must(b => string.IsNullOrWhiteSpace(b) || PartnerConvention.ParseAgeBands(b).Count > 0)
            .MaximumLength(PartnerConvention.AgeBandsMaxLength).WithMessage(_ => l["Conventions.AgeBandsInvalid"]);
    }
}

public sealed class IndicatorForm
{
    public Guid Version { get; set; }
    public string? Code { get; set; }
    public string? TitleFr { get; set; }
    public string? TitleAr { get; set; }
    public string? TitleEn { get; set; }
    public string? Unit { get; set; }
    public IndicatorKind? Kind { get; set; }
    public decimal? Baseline { get; set; }
    public int? BaselineYear { get; set; }
    /// <summary>One target a line: "2018 = 120" for a year, "2018-Q1 = 30" for a quarter.</summary>
    public string? Targets { get; set; }

    public static IndicatorForm From(ConventionIndicator i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new()
        {
            Version = i.Version, Code = i.Code, TitleFr = i.TitleFr, TitleAr = i.TitleAr, TitleEn = i.TitleEn, Unit = i.Unit,
            Kind = (IndicatorKind)i.Kind, Baseline = i.Baseline, BaselineYear = i.BaselineYear,
            Targets = string.Join("\n", i.Targets.OrderBy(t => t.Year).ThenBy(t => t.Quarter)
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"{new ReportPeriod(t.Year, t.Quarter)} = {t.Value:0.##}"))),
        };
    }

    /// <summary>The targets typed, or null when a line cannot be read.</summary>
    public List<IndicatorTarget>? ParseTargets()
    {
        var result = new List<IndicatorTarget>();
        foreach (var line in (Targets ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(['=', ':', ';'], 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !ReportPeriod.TryParse(parts[0], out var period)
                || !decimal.TryParse(parts[1].Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0
                || result.Any(t => t.Year == period.Year && t.Quarter == period.Quarter))
            {
                return null;
            }
            result.Add(new IndicatorTarget { Year = period.Year, Quarter = period.Quarter, Value = value });
        }
        return result;
    }

    public void ApplyTo(ConventionIndicator i)
    {
        ArgumentNullException.ThrowIfNull(i);
        i.Code = Code!.Trim();
        i.TitleFr = TitleFr!.Trim();
        i.TitleAr = TitleAr?.Trim() ?? "";
        i.TitleEn = TitleEn?.Trim() ?? "";
        i.Unit = Unit?.Trim() ?? "";
        i.Kind = (int)Kind!.Value;
        i.Baseline = Baseline ?? 0;
        i.BaselineYear = BaselineYear;
        var targets = ParseTargets() ?? [];
        i.Targets.RemoveAll(t => !targets.Any(n => n.Year == t.Year && n.Quarter == t.Quarter));
        foreach (var n in targets)
        {
            if (i.Targets.FirstOrDefault(t => t.Year == n.Year && t.Quarter == n.Quarter) is { } existing)
            {
                existing.Value = n.Value;
            }
            else
            {
                i.Targets.Add(n);
            }
        }
    }
}

public sealed class IndicatorFormValidator : AbstractValidator<IndicatorForm>
{
    public IndicatorFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Code).NotEmpty().WithMessage(_ => l["Conventions.CodeRequired"])
            .MaximumLength(ConventionIndicator.CodeMaxLength).WithMessage(_ => l["Centres.TooLong", ConventionIndicator.CodeMaxLength]);
        RuleFor(f => f.TitleFr).NotEmpty().WithMessage(_ => l["Conventions.TitleRequired"])
            .MaximumLength(ConventionIndicator.TitleMaxLength).WithMessage(_ => l["Centres.TooLong", ConventionIndicator.TitleMaxLength]);
        RuleFor(f => f.TitleAr).MaximumLength(ConventionIndicator.TitleMaxLength).WithMessage(_ => l["Centres.TooLong", ConventionIndicator.TitleMaxLength]);
        RuleFor(f => f.TitleEn).MaximumLength(ConventionIndicator.TitleMaxLength).WithMessage(_ => l["Centres.TooLong", ConventionIndicator.TitleMaxLength]);
        RuleFor(f => f.Unit).MaximumLength(ConventionIndicator.UnitMaxLength).WithMessage(_ => l["Centres.TooLong", ConventionIndicator.UnitMaxLength]);
        RuleFor(f => f.Kind).NotNull().IsInEnum().WithMessage(_ => l["Conventions.KindRequired"]);
        RuleFor(f => f.Baseline).GreaterThanOrEqualTo(0).WithMessage(_ => l["Conventions.AmountInvalid"]);
        RuleFor(f => f.BaselineYear).InclusiveBetween(2000, 2100).WithMessage(_ => l["Enrolments.YearRequired"]);
        RuleFor(f => f.Targets).Must((f, _) => f.ParseTargets() is not null).WithMessage(_ => l["Conventions.TargetsInvalid"]);
    }
}
