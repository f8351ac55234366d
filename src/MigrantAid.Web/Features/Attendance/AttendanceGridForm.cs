using FluentValidation;
using Microsoft.Extensions.Localization;

namespace MigrantAid.Web.Features.Attendance;

/// <summary>A whole month of attendance for a centre's apprentices, saved at once.</summary>
public sealed class AttendanceGridForm
{
    public int CentreId { get; set; }
    /// <summary>The years a grid may show: a year out of range in the address shows the month due.</summary>
    public const int MinYear = 2000, MaxYear = 2100;

    public int Year { get; set; }
    public int Month { get; set; }
    public List<AttendanceLine> Lines { get; set; } = [];
}

/// <summary>One apprentice's month. A line whose present days are both empty is not entered yet and is skipped.</summary>
public sealed class AttendanceLine
{
    public int EnrolmentId { get; set; }
    /// <summary>The version of the month's record when the grid was opened (none if not entered yet).</summary>
    public Guid? Version { get; set; }
    public string? Name { get; set; }
    public int? CentreDaysExpected { get; set; }
    public int? CentreDaysPresent { get; set; }
    public int? HostDaysExpected { get; set; }
    public int? HostDaysPresent { get; set; }

    public bool IsEntered => CentreDaysPresent is not null || HostDaysPresent is not null;
}

public sealed class AttendanceGridFormValidator : AbstractValidator<AttendanceGridForm>
{
    public const int MaxDays = 31;

    public AttendanceGridFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Month).InclusiveBetween(1, 12).WithMessage(_ => l["Attendance.MonthInvalid"]);
        RuleFor(f => f.Year).InclusiveBetween(AttendanceGridForm.MinYear, AttendanceGridForm.MaxYear).WithMessage(_ => l["Attendance.MonthInvalid"]);
        RuleForEach(f => f.Lines).ChildRules(line =>
        {
            line.RuleFor(x => x.CentreDaysExpected).InclusiveBetween(0, MaxDays).WithMessage(_ => l["Attendance.DaysRange", MaxDays]);
            line.RuleFor(x => x.HostDaysExpected).InclusiveBetween(0, MaxDays).WithMessage(_ => l["Attendance.DaysRange", MaxDays]);
            line.RuleFor(x => x.CentreDaysPresent).InclusiveBetween(0, MaxDays).WithMessage(_ => l["Attendance.DaysRange", MaxDays])
                .LessThanOrEqualTo(x => x.CentreDaysExpected ?? 0).WithMessage(_ => l["Attendance.PresentAboveExpected"]);
            line.RuleFor(x => x.HostDaysPresent).InclusiveBetween(0, MaxDays).WithMessage(_ => l["Attendance.DaysRange", MaxDays])
                .LessThanOrEqualTo(x => x.HostDaysExpected ?? 0).WithMessage(_ => l["Attendance.PresentAboveExpected"]);
        });
    }
}
