using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Domain;

public sealed class EnrolmentTests
{
    private static readonly DateOnly Start = new(2016, 9, 15);
    private static readonly DiplomaTrack Qualification = new() { Id = 1, Code = DiplomaTrack.Qualification, DurationMonths = 24 };
    private static readonly DiplomaTrack Apprenticeship = new() { Id = 2, Code = DiplomaTrack.Apprenticeship, DurationMonths = 12 };
    private static readonly TrainingCentre Centre = new() { Id = 7, RegionId = 4 };

    private static Enrolment NewEnrolment(DiplomaTrack? track = null) =>
        Enrolment.Apply(3, Centre, 5, track ?? Apprenticeship, 2016, Start, Start);

    private static Enrolment ActiveEnrolment()
    {
        var e = NewEnrolment();
        e.Accept(Start);
        e.Activate(Start);
        return e;
    }

    [Fact]
    public void Applying_copies_the_centre_region_and_computes_the_expected_end_from_the_track()
    {
        var apprenticeship = NewEnrolment();
        Assert.Equal(EnrolmentStatus.Applied, apprenticeship.Status);
        Assert.Equal(4, apprenticeship.RegionId);
        Assert.Equal(new DateOnly(2017, 9, 14), apprenticeship.ExpectedEndDate);
        Assert.Equal(new DateOnly(2018, 9, 14), NewEnrolment(Qualification).ExpectedEndDate);
    }

    [Theory]
    [InlineData(2016, 9, 1, 2016)]
    [InlineData(2017, 8, 31, 2016)]
    [InlineData(2017, 1, 10, 2016)]
    public void The_academic_year_runs_from_September_to_August(int y, int m, int d, int expected)
    {
        Assert.Equal(expected, AcademicYear.Of(new DateOnly(y, m, d)));
        Assert.Equal("2016/2017", AcademicYear.Format(2016));
    }

    [Fact]
    public void The_full_path_to_certification_records_each_date()
    {
        var e = ActiveEnrolment();
        e.Suspend(new DateOnly(2016, 12, 1));
        Assert.Equal(EnrolmentStatus.Suspended, e.Status);
        e.Resume(new DateOnly(2017, 1, 5));
        Assert.Equal(EnrolmentStatus.Active, e.Status);
        e.Complete(new DateOnly(2017, 7, 31));
        Assert.Equal(new DateOnly(2018, 1, 31), e.FollowUpDueOn);
        e.Certify("DQ-2017-0042", new DateOnly(2017, 9, 20));
        Assert.Equal(EnrolmentStatus.Certified, e.Status);
        Assert.Equal("DQ-2017-0042", e.DiplomaNumber);
        Assert.Equal(new DateOnly(2017, 9, 20), e.CertifiedOn);
    }

    [Fact]
    public void Invalid_transitions_are_refused()
    {
        var applied = NewEnrolment();
        Assert.Equal("Enrolments.TransitionNotAllowed", Assert.Throws<DomainRuleException>(() => applied.Activate(Start)).MessageKey);
        Assert.Throws<DomainRuleException>(() => applied.Complete(Start));
        Assert.Throws<DomainRuleException>(() => applied.Resume(Start));
        var active = ActiveEnrolment();
        Assert.Throws<DomainRuleException>(() => active.Certify("X1", Start));
        Assert.Throws<DomainRuleException>(() => active.Accept(Start));
        active.Complete(new DateOnly(2017, 7, 1));
        Assert.Throws<DomainRuleException>(() => active.DropOut(new DateOnly(2017, 7, 2), DropoutReason.FoundWork));
        Assert.Throws<DomainRuleException>(() => active.Suspend(new DateOnly(2017, 7, 2)));
    }

    [Fact]
    public void Dropping_out_needs_a_reason_and_keeps_date_and_note()
    {
        var e = ActiveEnrolment();
        Assert.Equal("Enrolments.DropoutReasonRequired",
            Assert.Throws<DomainRuleException>(() => e.DropOut(new DateOnly(2016, 11, 3), (DropoutReason)99)).MessageKey);
        e.DropOut(new DateOnly(2016, 11, 3), DropoutReason.NeedsIncomeBegging, "  sleeps at Al Kamra ");
        Assert.Equal(EnrolmentStatus.DroppedOut, e.Status);
        Assert.Equal(new DateOnly(2016, 11, 3), e.DroppedOutOn);
        Assert.Equal(DropoutReason.NeedsIncomeBegging, e.DropoutReason);
        Assert.Equal("sleeps at Al Kamra", e.DropoutNote);
        Assert.False(e.IsOpen);
        Assert.Throws<DomainRuleException>(() => e.Activate(new DateOnly(2016, 11, 4)));
    }

    [Fact]
    public void Dropping_out_is_possible_from_every_status_before_completion()
    {
        var applied = NewEnrolment();
        applied.DropOut(Start, DropoutReason.Family);
        var suspended = ActiveEnrolment();
        suspended.Suspend(Start.AddDays(10));
        suspended.DropOut(Start.AddDays(20), DropoutReason.Health);
        Assert.Equal(EnrolmentStatus.DroppedOut, applied.Status);
        Assert.Equal(EnrolmentStatus.DroppedOut, suspended.Status);
    }

    [Fact]
    public void A_transition_cannot_be_dated_before_the_previous_one()
    {
        var e = ActiveEnrolment();
        e.Suspend(new DateOnly(2016, 12, 1));
        Assert.Equal("Enrolments.DateBeforePrevious",
            Assert.Throws<DomainRuleException>(() => e.Resume(new DateOnly(2016, 11, 30))).MessageKey);
    }

    [Fact]
    public void Certification_needs_a_diploma_number()
    {
        var e = ActiveEnrolment();
        e.Complete(new DateOnly(2017, 7, 1));
        Assert.Equal("Enrolments.DiplomaNumberRequired", Assert.Throws<DomainRuleException>(() => e.Certify(" ", new DateOnly(2017, 8, 1))).MessageKey);
    }

    [Fact]
    public void The_follow_up_is_due_six_months_after_completion_until_an_outcome_is_recorded()
    {
        var e = ActiveEnrolment();
        Assert.Throws<DomainRuleException>(() => e.RecordOutcome(TrainingOutcome.SeekingWork, Start));
        e.Complete(new DateOnly(2017, 7, 1));
        e.RecordOutcome(TrainingOutcome.EmployedByHost, new DateOnly(2017, 7, 2));
        Assert.False(e.FollowUpIsDue(new DateOnly(2017, 12, 31)));
        Assert.True(e.FollowUpIsDue(new DateOnly(2018, 1, 1)));
        e.RecordOutcome(TrainingOutcome.EmployedElsewhere, new DateOnly(2018, 1, 3));
        Assert.False(e.FollowUpIsDue(new DateOnly(2018, 1, 4)));
        Assert.Equal(TrainingOutcome.EmployedElsewhere, e.Outcome);
    }

    [Fact]
    public void Attendance_rate_counts_centre_and_host_days_together()
    {
        var month = new MonthlyAttendance { CentreDaysExpected = 4, CentreDaysPresent = 2, HostDaysExpected = 16, HostDaysPresent = 10 };
        Assert.Equal(0.6, month.Rate);
        Assert.Null(new MonthlyAttendance().Rate);
    }
}
