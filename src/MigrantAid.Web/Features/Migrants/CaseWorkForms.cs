using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Migrants;

public sealed class CaseNoteForm
{
    public CaseNoteKind? Kind { get; set; }
    public DateOnly? Date { get; set; }
    public string? Text { get; set; }
    public bool Confidential { get; set; }
}

public sealed class CaseNoteFormValidator : AbstractValidator<CaseNoteForm>
{
    public CaseNoteFormValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        RuleFor(f => f.Kind).NotNull().WithMessage(_ => l["CaseWork.KindRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.Date).NotNull().WithMessage(_ => l["CaseWork.DateRequired"])
            .Must(d => d is null || d.Value <= today).WithMessage(_ => l["Migrants.DateInFuture"]);
        RuleFor(f => f.Text).NotEmpty().WithMessage(_ => l["CaseWork.TextRequired"])
            .MaximumLength(CaseNote.TextMaxLength).WithMessage(_ => l["Migrants.TooLong", CaseNote.TextMaxLength]);
    }
}

public sealed class NeedForm
{
    public NeedKind? Kind { get; set; }
    public string? ReferredTo { get; set; }
    public NeedStatus Status { get; set; }
    public DateOnly? OpenedOn { get; set; }
    public string? Notes { get; set; }
}

public sealed class NeedFormValidator : AbstractValidator<NeedForm>
{
    public NeedFormValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        RuleFor(f => f.Kind).NotNull().WithMessage(_ => l["CaseWork.KindRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.Status).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.OpenedOn).NotNull().WithMessage(_ => l["CaseWork.DateRequired"])
            .Must(d => d is null || d.Value <= today).WithMessage(_ => l["Migrants.DateInFuture"]);
        RuleFor(f => f.ReferredTo).NotEmpty().When(f => f.Status == NeedStatus.Referred, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => l["CaseWork.ReferredToRequired"])
            .MaximumLength(Need.ReferredToMaxLength).WithMessage(_ => l["Migrants.TooLong", Need.ReferredToMaxLength]);
        RuleFor(f => f.Notes).MaximumLength(Need.NotesMaxLength).WithMessage(_ => l["Migrants.TooLong", Need.NotesMaxLength]);
    }
}

public sealed class HouseholdForm
{
    public Relationship? Relationship { get; set; }
    /// <summary>A registered member, by file number; otherwise an unregistered dependant by name and age.</summary>
    public string? RelatedFileNumber { get; set; }
    public string? Name { get; set; }
    public int? Age { get; set; }
}

public sealed class HouseholdFormValidator : AbstractValidator<HouseholdForm>
{
    public HouseholdFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Relationship).NotNull().WithMessage(_ => l["CaseWork.RelationshipRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.Name).NotEmpty().When(f => string.IsNullOrWhiteSpace(f.RelatedFileNumber), ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => l["CaseWork.MemberRequired"])
            .MaximumLength(Migrant.NameMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.NameMaxLength]);
        RuleFor(f => f.Age).InclusiveBetween(0, 120).When(f => f.Age is not null, ApplyConditionTo.CurrentValidator).WithMessage(_ => l["CaseWork.AgeInvalid"]);
    }
}
