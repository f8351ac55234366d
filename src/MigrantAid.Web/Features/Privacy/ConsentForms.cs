using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;

namespace MigrantAid.Web.Features.Privacy;

public sealed class ConsentForm
{
    public ConsentPurpose? Purpose { get; set; }
    public string? PartnerName { get; set; }
    public ConsentMethod? Method { get; set; }
    public string? Witness { get; set; }
    public DateOnly? GivenOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
}

public sealed class ConsentFormValidator : AbstractValidator<ConsentForm>
{
    public ConsentFormValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        var today = clock.Today();
        RuleFor(f => f.Purpose).NotNull().WithMessage(_ => l["Privacy.PurposeRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.Method).NotNull().WithMessage(_ => l["Privacy.MethodRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.PartnerName).NotEmpty().When(f => f.Purpose == ConsentPurpose.SharingWithPartner, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => l["Privacy.PartnerRequired"])
            .MaximumLength(Consent.PartnerNameMaxLength).WithMessage(_ => l["Migrants.TooLong", Consent.PartnerNameMaxLength]);
        RuleFor(f => f.Witness).NotEmpty().When(f => f.Method == ConsentMethod.OralWithWitness, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => l["Privacy.WitnessRequired"])
            .MaximumLength(Consent.WitnessMaxLength).WithMessage(_ => l["Migrants.TooLong", Consent.WitnessMaxLength]);
        RuleFor(f => f.GivenOn).NotNull().WithMessage(_ => l["CaseWork.DateRequired"])
            .Must(d => d is null || d.Value <= today).WithMessage(_ => l["Migrants.DateInFuture"]);
        RuleFor(f => f.ExpiresOn).Must((f, d) => d is null || f.GivenOn is null || d.Value > f.GivenOn.Value)
            .WithMessage(_ => l["Privacy.ExpiryBeforeGiven"]);
    }
}

public sealed class PrivacyRequestForm
{
    public string? FileNumber { get; set; }
    public PrivacyRequestKind? Kind { get; set; }
    public DateOnly? ReceivedOn { get; set; }
}

public sealed class PrivacyRequestFormValidator : AbstractValidator<PrivacyRequestForm>
{
    public PrivacyRequestFormValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        var today = clock.Today();
        RuleFor(f => f.FileNumber).NotEmpty().WithMessage(_ => l["Privacy.FileNumberRequired"])
            .MaximumLength(Migrant.FileNumberMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.FileNumberMaxLength]);
        RuleFor(f => f.Kind).NotNull().WithMessage(_ => l["Privacy.KindRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.ReceivedOn).NotNull().WithMessage(_ => l["CaseWork.DateRequired"])
            .Must(d => d is null || d.Value <= today).WithMessage(_ => l["Migrants.DateInFuture"]);
    }
}

public sealed class PrivacyOptions
{
    /// <summary>Days to answer a request; unset: one calendar month (Law 09-08, GDPR art. 12).</summary>
    public int? RequestDeadlineDays { get; set; }

    public DateOnly DeadlineFor(DateOnly received) => RequestDeadlineDays is { } days ? received.AddDays(days) : received.AddMonths(1);
}
