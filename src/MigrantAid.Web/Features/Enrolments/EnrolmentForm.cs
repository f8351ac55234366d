using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Enrolments;

/// <summary>
/// An enrolment proposal: the person (a file the user may see, or a director's look-up
/// ticket), one offer of the chosen centre for the year, and the start date. Trade, track,
/// year and centre all come from the offer, so nothing the centre does not offer can be posted.
/// </summary>
public sealed class EnrolmentForm
{
    /// <summary>A file the user sees (the case file's "Enrol" link).</summary>
    public int? MigrantId { get; set; }
    /// <summary>The protected result of a director's look-up (file number, family name and birth year).</summary>
    public string? Ticket { get; set; }
    public int? CentreId { get; set; }
    public int? AcademicYear { get; set; }
    public int? OfferId { get; set; }
    public DateOnly? StartDate { get; set; }
    /// <summary>Administrator only: enrol beyond the offer's capacity (recorded on the enrolment).</summary>
    public bool OverrideCapacity { get; set; }
}

public sealed class EnrolmentFormValidator : AbstractValidator<EnrolmentForm>
{
    public EnrolmentFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.OfferId).NotNull().WithMessage(_ => l["Enrolments.OfferRequired"]);
        RuleFor(f => f.StartDate).NotNull().WithMessage(_ => l["Enrolments.StartDateRequired"]);
    }
}

/// <summary>A director's look-up of a person in front of them: all three must match one file.</summary>
public sealed class EnrolmentLookupForm
{
    public const int FamilyNameMaxLength = 100;

    public string? FileNumber { get; set; }
    public string? FamilyName { get; set; }
    public int? BirthYear { get; set; }
}

public sealed class EnrolmentLookupFormValidator : AbstractValidator<EnrolmentLookupForm>
{
    public EnrolmentLookupFormValidator(IStringLocalizer<SharedResource> l)
    {
        // Too long cannot match a file: the same answer as a mismatch.
        RuleFor(f => f.FileNumber).NotEmpty().WithMessage(_ => l["Enrolments.MigrantRequired"])
            .Must(v => v is null || v.Trim().Length <= Migrant.FileNumberMaxLength).WithMessage(_ => l["Enrolments.LookupNoMatch"]);
        RuleFor(f => f.FamilyName).NotEmpty().WithMessage(_ => l["Enrolments.FamilyNameRequired"])
            .Must(v => v is null || v.Trim().Length <= EnrolmentLookupForm.FamilyNameMaxLength).WithMessage(_ => l["Enrolments.LookupNoMatch"]);
        RuleFor(f => f.BirthYear).NotNull().WithMessage(_ => l["Enrolments.BirthYearRequired"])
            .InclusiveBetween(1900, 2100).WithMessage(_ => l["Enrolments.BirthYearRequired"]);
    }
}

public enum TransitionAction { Accept, Activate, Suspend, Resume, Complete, Certify, DropOut, RecordOutcome, Decline }

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
