using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Domain;

public sealed class IncomeActivityTests
{
    private static readonly DateOnly Start = new(2018, 2, 5);

    private static IncomeActivity Proposed(decimal requested = 30000m)
    {
        var a = new IncomeActivity { Name = "Atelier", City = "Rabat", RegionId = 1, GrantRequested = requested };
        a.Propose(Start);
        return a;
    }

    private static IncomeActivity Funded(decimal granted = 30000m, decimal first = 10000m)
    {
        var a = Proposed();
        a.Approve(granted, 80, "ok", Start.AddDays(10));
        a.AddTranche(first, Start.AddDays(20), null, "R1");
        return a;
    }

    private static string Refused(Action act) => Assert.Throws<DomainRuleException>(act).MessageKey;

    [Fact]
    public void Approval_records_the_committee_and_never_grants_more_than_requested()
    {
        var a = Proposed(20000m);
        Assert.Equal("Activities.GrantedInvalid", Refused(() => a.Approve(25000m, 70, null, Start)));
        Assert.Equal("Activities.ScoreInvalid", Refused(() => a.Approve(20000m, 101, null, Start)));
        Assert.Equal(ActivityStatus.Proposed, a.Status);
        a.Approve(18000m, 70, "viable", Start.AddDays(3));
        Assert.Equal((ActivityStatus.Approved, 18000m, 70, Start.AddDays(3)), (a.Status, a.GrantGranted!.Value, a.CommitteeScore!.Value, a.StatusDate));
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.Approve(18000m, 70, null, Start)));
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.Reject(10, "non", Start)));
    }

    [Fact]
    public void Rejection_needs_a_reason_and_ends_the_activity()
    {
        var a = Proposed();
        Assert.Equal("Activities.ReasonRequired", Refused(() => a.Reject(20, " ", Start)));
        a.Reject(20, "Marché saturé", Start.AddDays(5));
        Assert.Equal((ActivityStatus.Rejected, "Marché saturé"), (a.Status, a.Reason));
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.AddTranche(100m, Start.AddDays(6), null, "R")));
    }

    [Fact]
    public void A_proposed_activity_cannot_be_funded_visited_failed_or_closed()
    {
        var a = Proposed();
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.AddTranche(100m, Start, null, "R")));
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.RecordVisit(Start, true, null, null, null)));
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.Fail("x", Start)));
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.Close(null, Start)));
    }

    [Fact]
    public void The_first_tranche_funds_it_and_an_operating_visit_makes_it_operating()
    {
        var a = Funded();
        Assert.Equal((ActivityStatus.Funded, Start.AddDays(20)), (a.Status, a.FirstFundedOn!.Value));
        a.RecordVisit(Start.AddDays(50), false, 0, 0, "pas encore ouvert");
        Assert.Equal(ActivityStatus.Funded, a.Status);
        a.RecordVisit(Start.AddDays(80), true, 3000m, 1800m, null);
        Assert.Equal(ActivityStatus.Operating, a.Status);
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.Approve(1m, 1, null, Start)));
        a.Close("autonome", Start.AddDays(400));
        Assert.Equal(ActivityStatus.Closed, a.Status);
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.Fail("x", Start.AddDays(401))));
    }

    [Fact]
    public void Closing_needs_an_operating_activity_and_failing_needs_a_reason()
    {
        var a = Funded();
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.Close(null, Start.AddDays(30))));
        Assert.Equal("Activities.ReasonRequired", Refused(() => a.Fail("", Start.AddDays(30))));
        a.Fail("Départ du porteur", Start.AddDays(30));
        Assert.Equal(ActivityStatus.Failed, a.Status);
        Assert.Equal("Activities.TransitionNotAllowed", Refused(() => a.AddTranche(100m, Start.AddDays(31), null, "R")));
    }

    [Fact]
    public void Tranches_never_go_beyond_the_grant_and_the_next_needs_an_operating_visit_since_the_last()
    {
        var a = Funded(30000m, 10000m);
        Assert.Equal("Activities.TrancheNeedsVisit", Refused(() => a.AddTranche(10000m, Start.AddDays(40), null, "R2")));
        a.RecordVisit(Start.AddDays(45), false, null, null, null);
        Assert.Equal("Activities.TrancheNeedsVisit", Refused(() => a.AddTranche(10000m, Start.AddDays(46), null, "R2")));
        a.RecordVisit(Start.AddDays(60), true, 2000m, 1000m, null);
        Assert.Equal("Activities.TrancheBeyondGrant", Refused(() => a.AddTranche(20000.01m, Start.AddDays(61), null, "R2")));
        a.AddTranche(15000m, Start.AddDays(61), null, "R2");
        Assert.Equal("Activities.TrancheNeedsVisit", Refused(() => a.AddTranche(5000m, Start.AddDays(62), null, "R3")));
        a.RecordVisit(Start.AddDays(90), true, 2500m, 1000m, null);
        Assert.Equal("Activities.TrancheBeyondGrant", Refused(() => a.AddTranche(5000.01m, Start.AddDays(91), null, "R3")));
        a.AddTranche(5000m, Start.AddDays(91), null, "R3");
        Assert.Equal(30000m, a.FundedTotal);
    }

    [Fact]
    public void A_tranche_is_positive_and_not_before_the_approval()
    {
        var a = Proposed();
        a.Approve(10000m, 50, null, Start.AddDays(10));
        Assert.Equal("Activities.AmountInvalid", Refused(() => a.AddTranche(0m, Start.AddDays(11), null, "R")));
        Assert.Equal("Activities.TrancheBeforeApproval", Refused(() => a.AddTranche(100m, Start.AddDays(9), null, "R")));
        Assert.Equal("Activities.TrancheBeyondGrant", Refused(() => a.AddTranche(10000.5m, Start.AddDays(11), null, "R")));
        Assert.Empty(a.Tranches);
        Assert.Equal(ActivityStatus.Approved, a.Status);
    }

    [Fact]
    public void A_visit_cannot_come_before_the_first_funding()
    {
        var a = Funded();
        Assert.Equal("Activities.VisitBeforeFunding", Refused(() => a.RecordVisit(Start.AddDays(19), true, null, null, null)));
        Assert.Empty(a.Visits);
    }

    [Fact]
    public void Survival_is_read_at_the_visit_closest_to_6_and_12_months_after_first_funding()
    {
        var a = Funded();
        var funded = a.FirstFundedOn!.Value;
        Assert.Null(a.OperatingAtSixMonths);
        a.RecordVisit(funded.AddMonths(3), true, null, null, null);
        a.RecordVisit(funded.AddMonths(5), true, null, null, null);
        a.RecordVisit(funded.AddMonths(7).AddDays(10), false, null, null, null);
        Assert.True(a.OperatingAtSixMonths);
        a.RecordVisit(funded.AddMonths(11), false, null, null, null);
        a.RecordVisit(funded.AddMonths(14), true, null, null, null);
        Assert.False(a.OperatingAtTwelveMonths);
        Assert.True(a.OperatingAt(6));
    }

    [Fact]
    public void The_next_visit_is_due_three_months_after_the_last_one_or_the_first_funding()
    {
        var f = new DateOnly(2026, 1, 10);
        Assert.Equal(new DateOnly(2026, 4, 10), IncomeActivity.NextVisitDue(ActivityStatus.Funded, f, null));
        Assert.Equal(new DateOnly(2026, 8, 1), IncomeActivity.NextVisitDue(ActivityStatus.Operating, f, new DateOnly(2026, 5, 1)));
        Assert.Null(IncomeActivity.NextVisitDue(ActivityStatus.Closed, f, null));
    }
}
