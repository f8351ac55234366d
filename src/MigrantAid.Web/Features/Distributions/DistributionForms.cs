using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>How long after a first handing-out the same kind of aid counts as "again" (appsettings "Aid:RepeatPeriodDays", per kind).</summary>
public sealed class AidOptions
{
    public const int DefaultRepeatPeriodDays = 30;
    public Dictionary<AidKind, int> RepeatPeriodDays { get; set; } = [];

    public int PeriodDays(AidKind kind) => RepeatPeriodDays.TryGetValue(kind, out var days) && days > 0 ? days : DefaultRepeatPeriodDays;
}

public sealed class DistributionForm
{
    public DateOnly? Date { get; set; }
    public int? AidSiteId { get; set; }
    public AidKind? Kind { get; set; }
    public decimal? PlannedQuantity { get; set; }
    public decimal? ActualQuantity { get; set; }
    public string? Unit { get; set; }
    public int? PlannedRecipients { get; set; }
    public string? DistributedBy { get; set; }
    public string? DifferenceReason { get; set; }
    public int? UnregisteredGirls { get; set; }
    public int? UnregisteredBoys { get; set; }
    public int? UnregisteredWomen { get; set; }
    public int? UnregisteredMen { get; set; }
    public List<int> ConventionIds { get; set; } = [];
    public decimal? ValueMad { get; set; }
    /// <summary>The version the edit started from (optimistic concurrency).</summary>
    public Guid? Version { get; set; }

    public static DistributionForm From(AidDistribution d, List<int> conventionIds)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            Date = d.Date, AidSiteId = d.AidSiteId, Kind = d.Kind, PlannedQuantity = d.PlannedQuantity, ActualQuantity = d.ActualQuantity, Unit = d.Unit,
            PlannedRecipients = d.PlannedRecipients, DistributedBy = d.DistributedBy, DifferenceReason = d.DifferenceReason,
            UnregisteredGirls = d.UnregisteredGirls, UnregisteredBoys = d.UnregisteredBoys, UnregisteredWomen = d.UnregisteredWomen, UnregisteredMen = d.UnregisteredMen,
            ConventionIds = conventionIds, Version = d.Version, ValueMad = d.ValueMad,
        };
    }
}

public sealed class DistributionFormValidator : AbstractValidator<DistributionForm>
{
    public DistributionFormValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        var today = clock.Today();
        RuleFor(f => f.Date).NotNull().WithMessage(_ => l["CaseWork.DateRequired"])
            .Must(d => d is null || d.Value <= today).WithMessage(_ => l["Distributions.DateInFuture"]);
        RuleFor(f => f.AidSiteId).NotNull().WithMessage(_ => l["Distributions.SiteRequired"]);
        RuleFor(f => f.Kind).NotNull().WithMessage(_ => l["Distributions.KindRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.PlannedQuantity).NotNull().WithMessage(_ => l["Distributions.QuantityRequired"])
            .GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.QuantityNegative"]);
        RuleFor(f => f.ActualQuantity).NotNull().WithMessage(_ => l["Distributions.QuantityRequired"])
            .GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.QuantityNegative"]);
        RuleFor(f => f.Unit).NotEmpty().WithMessage(_ => l["Distributions.UnitRequired"])
            .MaximumLength(AidDistribution.UnitMaxLength).WithMessage(_ => l["Migrants.TooLong", AidDistribution.UnitMaxLength]);
        RuleFor(f => f.PlannedRecipients).GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.CountNegative"]);
        RuleFor(f => f.DistributedBy).NotEmpty().WithMessage(_ => l["Distributions.ByRequired"])
            .MaximumLength(AidDistribution.ByMaxLength).WithMessage(_ => l["Migrants.TooLong", AidDistribution.ByMaxLength]);
        RuleFor(f => f.DifferenceReason).MaximumLength(AidDistribution.ReasonMaxLength).WithMessage(_ => l["Migrants.TooLong", AidDistribution.ReasonMaxLength]);
        RuleFor(f => f.UnregisteredGirls).GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.CountNegative"]);
        RuleFor(f => f.UnregisteredBoys).GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.CountNegative"]);
        RuleFor(f => f.UnregisteredWomen).GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.CountNegative"]);
        RuleFor(f => f.ValueMad).GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.QuantityNegative"]);
        RuleFor(f => f.UnregisteredMen).GreaterThanOrEqualTo(0).WithMessage(_ => l["Distributions.CountNegative"]);
    }
}

/// <summary>A registered person added to a distribution: by file number (typed, or scanned from the card's QR code).</summary>
public sealed class RecipientForm
{
    public string? FileNumber { get; set; }
    /// <summary>Why the person receives the same kind of aid again within its period (required only then).</summary>
    public string? RepeatReason { get; set; }
}

public sealed class SiteForm
{
    public string? Name { get; set; }
    public string? City { get; set; }
    public int? RegionId { get; set; }
}
