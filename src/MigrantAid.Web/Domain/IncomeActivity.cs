namespace MigrantAid.Web.Domain;

public enum ActivityStatus { Proposed, Approved, Rejected, Funded, Operating, Closed, Failed }

/// <summary>The sector of an activity: one of the trades the centres teach, or commerce, agriculture, services.</summary>
public enum ActivitySector { Trade, Commerce, Agriculture, Services }

/// <summary>
/// An income-generating activity (activité génératrice de revenus) of one migrant or a group:
/// proposed by a social worker, approved or rejected by the region's committee, funded in
/// tranches tied to follow-up visits, then operating until closed, or failed. Each transition
/// is a method that refuses what the rules forbid (<see cref="DomainRuleException"/>). Money
/// is in MAD, as decimal.
/// </summary>
public class IncomeActivity : Entity, IRegionScoped
{
    public const int NameMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int PlanMaxLength = 4000;
    public const int TextMaxLength = 1000;
    public const int MaxScore = 100;
    /// <summary>A follow-up visit is due this long after the last visit (or the first tranche).</summary>
    public const int VisitIntervalMonths = 3;

    public string Name { get; set; } = "";
    public ActivitySector Sector { get; set; }
    public int? TradeId { get; set; }
    public Trade? Trade { get; set; }
    public string City { get; set; } = "";
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public string BusinessPlan { get; set; } = "";
    public decimal ExpectedMonthlyRevenue { get; set; }
    public decimal GrantRequested { get; set; }
    public decimal? GrantGranted { get; private set; }
    /// <summary>The open income need the activity answers; it is closed when the activity is funded.</summary>
    public int? NeedId { get; set; }

    public ActivityStatus Status { get; private set; } = ActivityStatus.Proposed;
    public DateOnly ProposedOn { get; set; }
    public DateOnly StatusDate { get; private set; }
    public int? CommitteeScore { get; private set; }
    public string? CommitteeComment { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public DateOnly? FirstFundedOn { get; private set; }
    /// <summary>Survival, kept with each visit so the indicators count it in SQL: operating at the visit closest to 6 (12) months after first funding.</summary>
    public bool? OperatingAtSixMonths { get; private set; }
    public bool? OperatingAtTwelveMonths { get; private set; }
    /// <summary>Why it was rejected, failed or closed.</summary>
    public string? Reason { get; private set; }

    public List<ActivityMember> Members { get; set; } = [];
    public List<ActivityBudgetLine> BudgetLines { get; set; } = [];
    public List<ActivityTranche> Tranches { get; set; } = [];
    public List<ActivityVisit> Visits { get; set; } = [];

    public decimal FundedTotal => Tranches.Sum(t => t.Amount);

    public void Propose(DateOnly on)
    {
        ProposedOn = on;
        StatusDate = on;
        Status = ActivityStatus.Proposed;
    }

    /// <summary>The committee approves: the granted amount, never above what was requested.</summary>
    public void Approve(decimal granted, int score, string? comment, DateOnly on)
    {
        Require(Status == ActivityStatus.Proposed);
        if (granted <= 0 || granted > GrantRequested)
        {
            throw new DomainRuleException("Activities.GrantedInvalid");
        }
        Decide(score, comment, on);
        GrantGranted = granted;
        Move(ActivityStatus.Approved, on);
    }

    public void Reject(int score, string reason, DateOnly on)
    {
        Require(Status == ActivityStatus.Proposed);
        RequireReason(reason);
        Decide(score, reason, on);
        Reason = reason;
        Move(ActivityStatus.Rejected, on);
    }

    /// <summary>
    /// Pays a tranche: never beyond the granted amount, and after the first one only once a
    /// follow-up visit made since the previous tranche found the activity operating.
    /// </summary>
    public ActivityTranche AddTranche(decimal amount, DateOnly on, string? condition, string receipt)
    {
        Require(Status is ActivityStatus.Approved or ActivityStatus.Funded or ActivityStatus.Operating);
        if (amount <= 0)
        {
            throw new DomainRuleException("Activities.AmountInvalid");
        }
        if (FundedTotal + amount > GrantGranted)
        {
            throw new DomainRuleException("Activities.TrancheBeyondGrant");
        }
        if (Tranches.Count > 0)
        {
            var last = Tranches.Max(t => t.PaidOn);
            if (on < last)
            {
                throw new DomainRuleException("Activities.TrancheBeforePrevious");
            }
            if (!Visits.Any(v => v.Operating && v.Date >= last && v.Date <= on))
            {
                throw new DomainRuleException("Activities.TrancheNeedsVisit");
            }
        }
        else if (DecidedOn is { } decided && on < decided)
        {
            throw new DomainRuleException("Activities.TrancheBeforeApproval");
        }
        var tranche = new ActivityTranche { RegionId = RegionId, Amount = amount, PaidOn = on, Condition = condition, ReceiptReference = receipt };
        Tranches.Add(tranche);
        if (Status == ActivityStatus.Approved)
        {
            FirstFundedOn = on;
            Move(ActivityStatus.Funded, on);
        }
        return tranche;
    }

    /// <summary>A follow-up visit, only after the first funding; the first visit that finds it operating makes it Operating.</summary>
    public ActivityVisit RecordVisit(DateOnly on, bool operating, decimal? revenue, decimal? expenses, string? notes)
    {
        Require(Status is ActivityStatus.Funded or ActivityStatus.Operating or ActivityStatus.Failed or ActivityStatus.Closed
            && FirstFundedOn is not null);
        if (on < FirstFundedOn)
        {
            throw new DomainRuleException("Activities.VisitBeforeFunding");
        }
        if (revenue < 0 || expenses < 0)
        {
            throw new DomainRuleException("Activities.AmountInvalid");
        }
        var visit = new ActivityVisit { RegionId = RegionId, Date = on, Operating = operating, MonthlyRevenue = revenue, MonthlyExpenses = expenses, Notes = notes };
        Visits.Add(visit);
        OperatingAtSixMonths = OperatingAt(6);
        OperatingAtTwelveMonths = OperatingAt(12);
        if (operating && Status == ActivityStatus.Funded)
        {
            Move(ActivityStatus.Operating, on);
        }
        return visit;
    }

    public void Fail(string reason, DateOnly on)
    {
        Require(Status is ActivityStatus.Funded or ActivityStatus.Operating);
        RequireReason(reason);
        Reason = reason;
        Move(ActivityStatus.Failed, on);
    }

    public void Close(string? reason, DateOnly on)
    {
        Require(Status == ActivityStatus.Operating);
        Reason = reason;
        Move(ActivityStatus.Closed, on);
    }

    /// <summary>
    /// Survival at N months: operating at the visit closest to N months after the first funding,
    /// among the visits within three months of that mark (null when not funded or no such visit
    /// yet; the earlier visit wins a tie).
    /// </summary>
    public bool? OperatingAt(int months) => OperatingAt(FirstFundedOn, Visits.Select(v => (v.Date, v.Operating)), months);

    public static bool? OperatingAt(DateOnly? firstFunded, IEnumerable<(DateOnly Date, bool Operating)> visits, int months)
    {
        if (firstFunded is not { } funded)
        {
            return null;
        }
        var target = funded.AddMonths(months);
        // Only a visit near the mark says anything about it: within one visit interval either side.
        var (earliest, latest) = (target.AddMonths(-VisitIntervalMonths), target.AddMonths(VisitIntervalMonths));
        var closest = visits.Where(v => v.Date >= earliest && v.Date <= latest).OrderBy(v => Math.Abs(v.Date.DayNumber - target.DayNumber)).ThenBy(v => v.Date).Select(v => ((DateOnly, bool)?)v).FirstOrDefault();
        return closest?.Item2;
    }

    /// <summary>When the next follow-up visit is due (funded or operating activities only).</summary>
    public static DateOnly? NextVisitDue(ActivityStatus status, DateOnly? firstFunded, DateOnly? lastVisit) =>
        status is ActivityStatus.Funded or ActivityStatus.Operating && firstFunded is { } f
            ? (lastVisit is { } v && v > f ? v : f).AddMonths(VisitIntervalMonths)
            : null;

    private void Decide(int score, string? comment, DateOnly on)
    {
        if (score < 0 || score > MaxScore)
        {
            throw new DomainRuleException("Activities.ScoreInvalid");
        }
        CommitteeScore = score;
        CommitteeComment = comment;
        DecidedOn = on;
    }

    private void Move(ActivityStatus status, DateOnly on)
    {
        Status = status;
        StatusDate = on;
    }

    private static void Require(bool allowed)
    {
        if (!allowed)
        {
            throw new DomainRuleException("Activities.TransitionNotAllowed");
        }
    }

    private static void RequireReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Activities.ReasonRequired");
        }
    }
}

/// <summary>A migrant who runs the activity (a group of apprentices of a trade is common).</summary>
public class ActivityMember : IRegionScoped
{
    public int Id { get; set; }
    public int IncomeActivityId { get; set; }
    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int RegionId { get; set; }
}

/// <summary>A line of the business plan's budget (equipment, stock, rent...), in MAD.</summary>
public class ActivityBudgetLine : IRegionScoped
{
    public const int LabelMaxLength = 200;
    public int Id { get; set; }
    public int IncomeActivityId { get; set; }
    public int RegionId { get; set; }
    public string Label { get; set; } = "";
    public decimal Amount { get; set; }
}

/// <summary>A tranche of the grant paid out: amount in MAD, date, condition, receipt reference.</summary>
public class ActivityTranche : IRegionScoped
{
    public const int ReceiptMaxLength = 60;
    public int Id { get; set; }
    public int IncomeActivityId { get; set; }
    public int RegionId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? Condition { get; set; }
    public string ReceiptReference { get; set; } = "";
}

/// <summary>A follow-up visit: was the activity operating, with its monthly revenue and expenses.</summary>
public class ActivityVisit : IRegionScoped
{
    public int Id { get; set; }
    public int IncomeActivityId { get; set; }
    public int RegionId { get; set; }
    public DateOnly Date { get; set; }
    public bool Operating { get; set; }
    public decimal? MonthlyRevenue { get; set; }
    public decimal? MonthlyExpenses { get; set; }
    public string? Notes { get; set; }
}
