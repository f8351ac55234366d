namespace MigrantAid.Web.Domain;

/// <summary>Declined: the centre's director refused an application (proposed by the person's social worker); it never started.</summary>
public enum EnrolmentStatus { Applied, Enrolled, Active, Suspended, Completed, Certified, DroppedOut, Declined }

/// <summary>Why an apprentice left before completion. The two "needs income" reasons are the ones the agency acts on (allowance, income-generating activity).</summary>
public enum DropoutReason { NeedsIncomeBegging, NeedsIncomeInformalWork, FoundWork, LeftRegionOrCountry, Health, Family, Other }

/// <summary>What became of an apprentice after completion.</summary>
public enum TrainingOutcome { EmployedByHost, EmployedElsewhere, SelfEmployed, FurtherTraining, SeekingWork, Unknown }

/// <summary>A rule of the domain was refused; <see cref="MessageKey"/> is the resource key of the message shown to the user.</summary>
public sealed class DomainRuleException(string messageKey) : InvalidOperationException(messageKey)
{
    public string MessageKey { get; } = messageKey;
}

/// <summary>
/// The academic year runs from September to August and is stored as its starting year
/// (2016 for 2016/2017).
/// </summary>
public static class AcademicYear
{
    public const int StartMonth = 9;

    public static int Of(DateOnly date) => date.Month >= StartMonth ? date.Year : date.Year - 1;
    public static string Format(int startYear) => $"{startYear}/{startYear + 1}";
    public static DateOnly FirstDay(int startYear) => new(startYear, StartMonth, 1);
    public static DateOnly LastDay(int startYear) => new(startYear + 1, StartMonth - 1, 31);
}

/// <summary>
/// A migrant's enrolment in a trade and diploma track at a centre for an academic year.
/// Status: Applied → Enrolled → Active ⇄ Suspended → Completed → Certified, or DroppedOut at
/// any point before completion. Each transition is a method that refuses what the rules forbid.
/// </summary>
public class Enrolment : Entity, ICentreScoped
{
    public const int DiplomaNumberMaxLength = 40;
    public const int NoteMaxLength = 1000;
    /// <summary>Outcome follow-up after completion (DOMAIN.md: "e.g. 6 months").</summary>
    public const int FollowUpMonths = 6;

    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int TrainingCentreId { get; set; }
    public TrainingCentre? TrainingCentre { get; set; }
    /// <summary>The centre's region, copied so that the row scope needs no join.</summary>
    public int RegionId { get; set; }
    public int TradeId { get; set; }
    public Trade? Trade { get; set; }
    public int DiplomaTrackId { get; set; }
    public DiplomaTrack? DiplomaTrack { get; set; }
    public int AcademicYear { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly ExpectedEndDate { get; set; }
    /// <summary>An Administrator enrolled beyond the offer's capacity.</summary>
    public bool CapacityOverridden { get; set; }

    public EnrolmentStatus Status { get; private set; } = EnrolmentStatus.Applied;
    public DateOnly StatusDate { get; private set; }
    public DateOnly? EnrolledOn { get; private set; }
    public DateOnly? ActivatedOn { get; private set; }
    public DateOnly? SuspendedOn { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public DateOnly? CertifiedOn { get; private set; }
    public string? DiplomaNumber { get; private set; }
    public DateOnly? DeclinedOn { get; private set; }
    public DateOnly? DroppedOutOn { get; private set; }
    public DropoutReason? DropoutReason { get; private set; }
    public string? DropoutNote { get; private set; }

    public TrainingOutcome? Outcome { get; private set; }
    public DateOnly? OutcomeRecordedOn { get; private set; }
    public DateOnly? FollowUpDueOn { get; private set; }

    public List<HostPlacement> Placements { get; set; } = [];
    public List<MonthlyAttendance> Attendance { get; set; } = [];

    /// <summary>Not yet ended: counts for the "one active enrolment per person" rule.</summary>
    public static readonly EnrolmentStatus[] OpenStatuses =
        [EnrolmentStatus.Applied, EnrolmentStatus.Enrolled, EnrolmentStatus.Active, EnrolmentStatus.Suspended];

    public bool IsOpen => OpenStatuses.Contains(Status);

    public static Enrolment Apply(int migrantId, TrainingCentre centre, int tradeId, DiplomaTrack track, int academicYear, DateOnly startDate, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(centre);
        ArgumentNullException.ThrowIfNull(track);
        return new Enrolment
        {
            MigrantId = migrantId, TrainingCentreId = centre.Id, RegionId = centre.RegionId, TradeId = tradeId,
            DiplomaTrackId = track.Id, AcademicYear = academicYear, StartDate = startDate,
            ExpectedEndDate = ExpectedEnd(startDate, track), StatusDate = startDate < today ? startDate : today,
        };
    }

    /// <summary>Expected end = start + the track's length (24 or 12 months), the day before the anniversary.</summary>
    public static DateOnly ExpectedEnd(DateOnly start, DiplomaTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return start.AddMonths(track.DurationMonths).AddDays(-1);
    }

    public void Accept(DateOnly date) => Move(date, EnrolmentStatus.Enrolled, [EnrolmentStatus.Applied], () => EnrolledOn = date);

    /// <summary>The director refuses an application: it frees nothing and counts for nothing, and the person may be proposed again.</summary>
    public void Decline(DateOnly date) => Move(date, EnrolmentStatus.Declined, [EnrolmentStatus.Applied], () => DeclinedOn = date);

    /// <summary>Holds a place in the offer (every status but dropped out and declined).</summary>
    public static readonly EnrolmentStatus[] PlaceTakingStatuses =
        [EnrolmentStatus.Applied, EnrolmentStatus.Enrolled, EnrolmentStatus.Active, EnrolmentStatus.Suspended, EnrolmentStatus.Completed, EnrolmentStatus.Certified];

    public void Activate(DateOnly date) => Move(date, EnrolmentStatus.Active, [EnrolmentStatus.Enrolled], () => ActivatedOn = date);

    public void Suspend(DateOnly date) => Move(date, EnrolmentStatus.Suspended, [EnrolmentStatus.Active], () => SuspendedOn = date);

    public void Resume(DateOnly date) => Move(date, EnrolmentStatus.Active, [EnrolmentStatus.Suspended], () => SuspendedOn = null);

    public void Complete(DateOnly date) => Move(date, EnrolmentStatus.Completed, [EnrolmentStatus.Active], () =>
    {
        CompletedOn = date;
        FollowUpDueOn = date.AddMonths(FollowUpMonths);
    });

    public void Certify(string diplomaNumber, DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(diplomaNumber))
        {
            throw new DomainRuleException("Enrolments.DiplomaNumberRequired");
        }
        Move(date, EnrolmentStatus.Certified, [EnrolmentStatus.Completed], () =>
        {
            CertifiedOn = date;
            DiplomaNumber = diplomaNumber.Trim();
        });
    }

    /// <summary>Leaving is possible at any point before completion, always with a reason.</summary>
    public void DropOut(DateOnly date, DropoutReason reason, string? note = null)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new DomainRuleException("Enrolments.DropoutReasonRequired");
        }
        if (note is { Length: > NoteMaxLength })
        {
            throw new DomainRuleException("Enrolments.NoteTooLong");
        }
        Move(date, EnrolmentStatus.DroppedOut, OpenStatuses, () =>
        {
            DroppedOutOn = date;
            DropoutReason = reason;
            DropoutNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        });
    }

    /// <summary>What the apprentice does after completion; recording it on or after the due date closes the follow-up.</summary>
    public void RecordOutcome(TrainingOutcome outcome, DateOnly date)
    {
        if (Status is not (EnrolmentStatus.Completed or EnrolmentStatus.Certified))
        {
            throw new DomainRuleException("Enrolments.OutcomeOnlyAfterCompletion");
        }
        if (CompletedOn is { } completed && date < completed)
        {
            throw new DomainRuleException("Enrolments.DateBeforePrevious");
        }
        Outcome = outcome;
        OutcomeRecordedOn = date;
    }

    /// <summary>The follow-up is due and no outcome was recorded since it fell due.</summary>
    public bool FollowUpIsDue(DateOnly today) =>
        FollowUpDueOn is { } due && due <= today && (OutcomeRecordedOn is null || OutcomeRecordedOn < due);

    private void Move(DateOnly date, EnrolmentStatus to, EnrolmentStatus[] from, Action apply)
    {
        if (!from.Contains(Status))
        {
            throw new DomainRuleException("Enrolments.TransitionNotAllowed");
        }
        if (date < StatusDate)
        {
            throw new DomainRuleException("Enrolments.DateBeforePrevious");
        }
        apply();
        Status = to;
        StatusDate = date;
    }
}

/// <summary>What a centre offers in an academic year: a trade in a diploma track, with a number of places.</summary>
public class CentreOffer : Entity
{
    public int TrainingCentreId { get; set; }
    public TrainingCentre? TrainingCentre { get; set; }
    public int TradeId { get; set; }
    public Trade? Trade { get; set; }
    public int DiplomaTrackId { get; set; }
    public DiplomaTrack? DiplomaTrack { get; set; }
    public int AcademicYear { get; set; }
    public int Capacity { get; set; }
}

public enum HostKind { Workshop, Garage, Salon, Company }

/// <summary>A professional who hosts apprentices for the alternating part of their training; shared by the centres of a region.</summary>
public class HostProfessional : Entity, IRegionScoped
{
    public const int NameMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int ContactMaxLength = 200;

    public string Name { get; set; } = "";
    public HostKind Kind { get; set; }
    public int TradeId { get; set; }
    public Trade? Trade { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public string City { get; set; } = "";
    public string? Contact { get; set; }
}

/// <summary>An apprentice's time with a host professional.</summary>
public class HostPlacement : Entity, ICentreScoped
{
    public const int DefaultSharePercent = 80;

    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public int TrainingCentreId { get; set; }
    public int RegionId { get; set; }
    public int HostProfessionalId { get; set; }
    public HostProfessional? HostProfessional { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int SharePercent { get; set; } = DefaultSharePercent;

    public bool IsCurrent(DateOnly today) => StartDate <= today && (EndDate is null || EndDate >= today);
}

/// <summary>One month of an apprentice's attendance, at the centre and at the host.</summary>
public class MonthlyAttendance : Entity, ICentreScoped
{
    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public int TrainingCentreId { get; set; }
    public int RegionId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int CentreDaysExpected { get; set; }
    public int CentreDaysPresent { get; set; }
    public int HostDaysExpected { get; set; }
    public int HostDaysPresent { get; set; }

    /// <summary>Share of expected days attended, centre and host together; null when nothing was expected.</summary>
    public double? Rate => RateOf(CentreDaysExpected + HostDaysExpected, CentreDaysPresent + HostDaysPresent);

    public static double? RateOf(int expected, int present) => expected <= 0 ? null : (double)present / expected;
}
