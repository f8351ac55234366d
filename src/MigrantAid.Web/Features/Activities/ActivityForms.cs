using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Activities;

/// <summary>A budget line of the business plan as typed (label and amount in MAD).</summary>
public sealed class BudgetLineForm
{
    public string? Label { get; set; }
    public decimal? Amount { get; set; }
}

public sealed class ActivityForm
{
    public const int BudgetLineCount = 4;

    public string? Name { get; set; }
    public ActivitySector? Sector { get; set; }
    public int? TradeId { get; set; }
    public string? City { get; set; }
    public string? BusinessPlan { get; set; }
    public decimal? ExpectedMonthlyRevenue { get; set; }
    public decimal? GrantRequested { get; set; }
    /// <summary>The file numbers of the people who run it, separated by spaces, commas or lines.</summary>
    public string? MemberFileNumbers { get; set; }
    public int? NeedId { get; set; }
    public List<int> ConventionIds { get; set; } = [];
    public List<BudgetLineForm> BudgetLines { get; set; } = [];

    public IReadOnlyList<string> FileNumbers() =>
        (MemberFileNumbers ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Trim()).Distinct().ToList();

    public void PadBudgetLines()
    {
        while (BudgetLines.Count < BudgetLineCount)
        {
            BudgetLines.Add(new BudgetLineForm());
        }
    }
}

public sealed class ActivityFormValidator : AbstractValidator<ActivityForm>
{
    public ActivityFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage(_ => l["Activities.NameRequired"])
            .MaximumLength(IncomeActivity.NameMaxLength).WithMessage(_ => l["Migrants.TooLong", IncomeActivity.NameMaxLength]);
        RuleFor(f => f.Sector).NotNull().WithMessage(_ => l["Activities.SectorRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.TradeId).NotNull().When(f => f.Sector == ActivitySector.Trade).WithMessage(_ => l["Activities.TradeRequired"]);
        RuleFor(f => f.City).NotEmpty().WithMessage(_ => l["Activities.CityRequired"])
            .MaximumLength(IncomeActivity.CityMaxLength).WithMessage(_ => l["Migrants.TooLong", IncomeActivity.CityMaxLength]);
        RuleFor(f => f.BusinessPlan).NotEmpty().WithMessage(_ => l["Activities.PlanRequired"])
            .MaximumLength(IncomeActivity.PlanMaxLength).WithMessage(_ => l["Migrants.TooLong", IncomeActivity.PlanMaxLength]);
        RuleFor(f => f.ExpectedMonthlyRevenue).NotNull().WithMessage(_ => l["Activities.AmountRequired"])
            .GreaterThanOrEqualTo(0).WithMessage(_ => l["Activities.AmountInvalid"]);
        RuleFor(f => f.GrantRequested).NotNull().WithMessage(_ => l["Activities.AmountRequired"])
            .GreaterThan(0).WithMessage(_ => l["Activities.AmountInvalid"]);
        RuleFor(f => f.MemberFileNumbers).Must(n => new ActivityForm { MemberFileNumbers = n }.FileNumbers().Count > 0)
            .WithMessage(_ => l["Activities.MembersRequired"]);
        RuleForEach(f => f.BudgetLines).ChildRules(line =>
        {
            line.RuleFor(b => b.Label).NotEmpty().When(b => b.Amount is not null).WithMessage(_ => l["Activities.BudgetLabelRequired"])
                .MaximumLength(ActivityBudgetLine.LabelMaxLength).WithMessage(_ => l["Migrants.TooLong", ActivityBudgetLine.LabelMaxLength]);
            line.RuleFor(b => b.Amount).NotNull().When(b => !string.IsNullOrWhiteSpace(b.Label)).WithMessage(_ => l["Activities.AmountRequired"])
                .GreaterThan(0).When(b => b.Amount is not null).WithMessage(_ => l["Activities.AmountInvalid"]);
        });
    }
}

/// <summary>The committee's decision: approve (with the amount granted) or reject (with the reason).</summary>
public sealed class DecisionForm
{
    public bool Approve { get; set; }
    public decimal? GrantGranted { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }
}

public sealed class TrancheForm
{
    public decimal? Amount { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? Condition { get; set; }
    public string? ReceiptReference { get; set; }
}

public sealed class VisitForm
{
    public DateOnly? Date { get; set; }
    public bool Operating { get; set; }
    public decimal? MonthlyRevenue { get; set; }
    public decimal? MonthlyExpenses { get; set; }
    public string? Notes { get; set; }
}

/// <summary>End of the activity: failed (a reason is required) or closed.</summary>
public sealed class EndForm
{
    public bool Failed { get; set; }
    public string? Reason { get; set; }
}
