using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Domain;

public sealed class PartnerConventionTests
{
    private static readonly DateOnly Day = new(2017, 6, 1);

    [Fact]
    public void The_life_cycle_runs_from_identified_to_closed_and_records_signature_and_start()
    {
        var c = new PartnerConvention();
        c.StartNegotiation(Day);
        c.StartFinalising(Day.AddDays(30));
        c.Sign(new DateOnly(2017, 12, 14));
        c.EnterIntoForce(new DateOnly(2018, 1, 1));
        Assert.Equal(ConventionStatus.InForce, c.Status);
        Assert.Equal(new DateOnly(2017, 12, 14), c.SignatureDate);
        Assert.Equal(new DateOnly(2018, 1, 1), c.StartDate);
        c.Close(new DateOnly(2020, 12, 31));
        Assert.Equal(ConventionStatus.Closed, c.Status);
        Assert.Empty(c.AllowedTransitions());
    }

    [Fact]
    public void Steps_cannot_be_skipped_nor_taken_backwards_in_time()
    {
        var c = new PartnerConvention();
        Assert.Equal("Conventions.TransitionNotAllowed", Assert.Throws<DomainRuleException>(() => c.Sign(Day)).MessageKey);
        Assert.Throws<DomainRuleException>(() => c.EnterIntoForce(Day));
        Assert.Throws<DomainRuleException>(() => c.Close(Day));
        c.StartNegotiation(Day);
        Assert.Equal("Conventions.DateBeforePrevious", Assert.Throws<DomainRuleException>(() => c.StartFinalising(Day.AddDays(-1))).MessageKey);
        Assert.Equal(ConventionStatus.InNegotiation, c.Status);
    }

    [Fact]
    public void A_suspended_convention_resumes_where_it_was_and_one_in_force_cannot_be_cancelled()
    {
        var c = new PartnerConvention();
        foreach (var t in new[] { ConventionTransition.StartNegotiation, ConventionTransition.StartFinalising, ConventionTransition.Sign })
        {
            c.Apply(t, Day);
        }
        c.Suspend(Day);
        Assert.Equal(ConventionStatus.Suspended, c.Status);
        c.Resume(Day);
        Assert.Equal(ConventionStatus.Signed, c.Status);
        c.EnterIntoForce(Day);
        Assert.Throws<DomainRuleException>(() => c.Cancel(Day));
        Assert.DoesNotContain(ConventionTransition.Cancel, c.AllowedTransitions());
        c.Suspend(Day);
        c.Resume(Day);
        Assert.Equal(ConventionStatus.InForce, c.Status);
    }

    [Fact]
    public void A_convention_can_be_cancelled_before_it_applies_and_then_nothing_more()
    {
        var c = new PartnerConvention();
        c.StartNegotiation(Day);
        c.Cancel(Day);
        Assert.Equal(ConventionStatus.Cancelled, c.Status);
        Assert.Throws<DomainRuleException>(() => c.StartFinalising(Day));
        Assert.Empty(c.AllowedTransitions());
    }

    [Theory]
    [InlineData("0,18,25,35,60", 5)]
    [InlineData("0,15,65", 3)]
    [InlineData("18,25", 0)]
    [InlineData("0,25,18", 0)]
    [InlineData("0,a", 0)]
    public void Age_bands_start_at_zero_and_rise(string bands, int count)
    {
        var parsed = PartnerConvention.ParseAgeBands(bands);
        Assert.Equal(count, parsed.Count);
        if (count > 0)
        {
            Assert.Null(parsed[^1].To);
        }
    }

    [Theory]
    [InlineData("2018", 2018, null)]
    [InlineData("2018-Q3", 2018, 3)]
    public void Report_periods_read_years_and_quarters(string text, int year, int? quarter)
    {
        Assert.True(ReportPeriod.TryParse(text, out var p));
        Assert.Equal(new ReportPeriod(year, quarter), p);
        Assert.Equal(text, p.ToString());
        Assert.False(ReportPeriod.TryParse("2018-Q5", out _));
        Assert.Equal(new DateOnly(2018, 7, 1), new ReportPeriod(2018, 3).Start);
        Assert.Equal(new DateOnly(2018, 10, 1), new ReportPeriod(2018, 3).EndExclusive);
    }
}
