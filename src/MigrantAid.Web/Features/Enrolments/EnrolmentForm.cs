using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Enrolments;

public sealed class EnrolmentForm
{
    public string? MigrantFileNumber { get; set; }
    public string? CentreCode { get; set; }
    public int? TradeId { get; set; }
    public int? DiplomaTrackId { get; set; }
    public int? AcademicYear { get; set; }
    public DateOnly? StartDate { get; set; }
    /// <summary>Administrator only: enrol beyond the offer's capacity (recorded on the enrolment).</summary>
    public bool OverrideCapacity { get; set; }
}

public sealed class EnrolmentFormValidator : AbstractValidator<EnrolmentForm>
{
    public EnrolmentFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.MigrantFileNumber).NotEmpty().WithMessage(_ => l["Enrolments.MigrantRequired"])
            .MaximumLength(Migrant.FileNumberMaxLength).WithMessage(_ => l["Enrolments.MigrantNotFound"]);
        RuleFor(f => f.CentreCode).NotEmpty().WithMessage(_ => l["Enrolments.CentreRequired"])
            .MaximumLength(TrainingCentre.CodeMaxLength).WithMessage(_ => l["Enrolments.CentreNotFound"]);
        RuleFor(f => f.TradeId).NotNull().WithMessage(_ => l["Enrolments.TradeRequired"]);
        RuleFor(f => f.DiplomaTrackId).NotNull().WithMessage(_ => l["Enrolments.TrackRequired"]);
        RuleFor(f => f.AcademicYear).NotNull().WithMessage(_ => l["Enrolments.YearRequired"])
            .InclusiveBetween(2000, 2100).WithMessage(_ => l["Enrolments.YearRequired"]);
        RuleFor(f => f.StartDate).NotNull().WithMessage(_ => l["Enrolments.StartDateRequired"]);
        RuleFor(f => f.StartDate)
            .Must((f, d) => d is null || f.AcademicYear is null || Domain.AcademicYear.Of(d.Value) == f.AcademicYear)
            .WithMessage(_ => l["Enrolments.StartDateOutsideYear"]);
    }
}

public enum TransitionAction { Accept, Activate, Suspend, Resume, Complete, Certify, DropOut, RecordOutcome }

/// <summary>One status change posted from the enrolment's page, with the version the user saw.</summary>
public sealed class TransitionForm
{
    public TransitionAction Action { get; set; }
    public Guid Version { get; set; }
    public DateOnly? Date { get; set; }
    public DropoutReason? Reason { get; set; }
    public string? Note { get; set; }
    public string? DiplomaNumber { get; set; }
    public TrainingOutcome? Outcome { get; set; }
}

public sealed class TransitionFormValidator : AbstractValidator<TransitionForm>
{
    public TransitionFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Date).NotNull().WithMessage(_ => l["Enrolments.DateRequired"]);
        RuleFor(f => f.Reason).NotNull().When(f => f.Action == TransitionAction.DropOut).WithMessage(_ => l["Enrolments.DropoutReasonRequired"]);
        RuleFor(f => f.Note).MaximumLength(Enrolment.NoteMaxLength).WithMessage(_ => l["Enrolments.NoteTooLong"]);
        RuleFor(f => f.DiplomaNumber).NotEmpty().When(f => f.Action == TransitionAction.Certify).WithMessage(_ => l["Enrolments.DiplomaNumberRequired"])
            .MaximumLength(Enrolment.DiplomaNumberMaxLength).WithMessage(_ => l["Enrolments.DiplomaNumberTooLong"]);
        RuleFor(f => f.Outcome).NotNull().When(f => f.Action == TransitionAction.RecordOutcome).WithMessage(_ => l["Enrolments.OutcomeRequired"]);
    }
}

public sealed class PlacementForm
{
    public int? HostProfessionalId { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? SharePercent { get; set; }
}

public sealed class PlacementFormValidator : AbstractValidator<PlacementForm>
{
    public PlacementFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.HostProfessionalId).NotNull().WithMessage(_ => l["Hosts.Required"]);
        RuleFor(f => f.StartDate).NotNull().WithMessage(_ => l["Enrolments.DateRequired"]);
        RuleFor(f => f.EndDate).Must((f, end) => end is null || f.StartDate is null || end >= f.StartDate).WithMessage(_ => l["Enrolments.EndBeforeStart"]);
        RuleFor(f => f.SharePercent).InclusiveBetween(0, 100).WithMessage(_ => l["Enrolments.SharePercentRange"]);
    }
}
