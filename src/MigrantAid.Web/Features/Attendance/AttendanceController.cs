using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Attendance;

/// <summary>The monthly attendance grid: one centre, one month, every apprentice, saved once.</summary>
[Authorize(Permissions.EnrolmentsManage)]
public sealed class AttendanceController(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>Default working days in a month, split between centre and host by the track's share.</summary>
    public const int WorkingDays = 22;

    public async Task<IActionResult> Index(int? centreId, int? year, int? month, CancellationToken ct)
    {
        centreId ??= user.CentreId;
        if (centreId is null)
        {
            return NotFound();
        }
        var (dueYear, dueMonth) = RiskList.MonthDue(clock.Today());
        var form = new AttendanceGridForm { CentreId = centreId.Value, Year = year is >= AttendanceGridForm.MinYear and <= AttendanceGridForm.MaxYear ? year.Value : dueYear, Month = month is >= 1 and <= 12 ? month.Value : dueMonth };
        var centre = await CentreAsync(form.CentreId, ct);
        if (centre is null)
        {
            return NotFound();
        }
        form.Lines = await LinesAsync(form, ct);
        return View(new AttendanceGridPage(centre.Name, form));
    }

    [HttpPost]
    public async Task<IActionResult> Index(AttendanceGridForm form, [FromServices] IValidator<AttendanceGridForm> validator, CancellationToken ct)
    {
        var centre = await CentreAsync(form.CentreId, ct);
        if (centre is null)
        {
            return NotFound();
        }
        var result = await validator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            result.AddTo(ModelState);
            return View(new AttendanceGridPage(centre.Name, form));
        }
        var ids = form.Lines.Where(x => x.IsEntered).Select(x => x.EnrolmentId).ToList();
        // Only this centre's enrolments in the user's scope; anything else posted is ignored.
        var enrolments = await db.Enrolments.Where(e => ids.Contains(e.Id) && e.TrainingCentreId == centre.Id).ToDictionaryAsync(e => e.Id, ct);
        var existing = await db.MonthlyAttendance.Where(a => ids.Contains(a.EnrolmentId) && a.Year == form.Year && a.Month == form.Month)
            .ToDictionaryAsync(a => a.EnrolmentId, ct);
        foreach (var line in form.Lines.Where(x => x.IsEntered && enrolments.ContainsKey(x.EnrolmentId)))
        {
            var e = enrolments[line.EnrolmentId];
            // Someone else saved this apprentice's month since the grid was opened: do not overwrite.
            if (existing.TryGetValue(e.Id, out var record) ? record.Version != line.Version : line.Version is not null)
            {
                ModelState.AddModelError("", l["Attendance.Conflict", line.Name ?? ""]);
                continue;
            }
            if (record is not null)
            {
                db.Entry(record).Property(r => r.Version).OriginalValue = line.Version!.Value;
            }
            else
            {
                record = new MonthlyAttendance { EnrolmentId = e.Id, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, Year = form.Year, Month = form.Month };
                db.MonthlyAttendance.Add(record);
            }
            record.CentreDaysExpected = line.CentreDaysExpected ?? 0;
            record.CentreDaysPresent = line.CentreDaysPresent ?? 0;
            record.HostDaysExpected = line.HostDaysExpected ?? 0;
            record.HostDaysPresent = line.HostDaysPresent ?? 0;
        }
        if (ModelState.IsValid)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                TempData["Success"] = l["Attendance.Saved"].Value;
                return RedirectToAction(nameof(Index), new { centreId = form.CentreId, year = form.Year, month = form.Month });
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", l["Attendance.Conflict", ""]);
            }
        }
        return View(new AttendanceGridPage(centre.Name, form));
    }

    private async Task<TrainingCentre?> CentreAsync(int centreId, CancellationToken ct)
    {
        var centre = await db.TrainingCentres.AsNoTracking().SingleOrDefaultAsync(c => c.Id == centreId, ct);
        return centre is not null && user.Scope.MayWorkAtCentre(centre.Id, centre.RegionId) ? centre : null;
    }

    private async Task<List<AttendanceLine>> LinesAsync(AttendanceGridForm form, CancellationToken ct)
    {
        var first = new DateOnly(form.Year, form.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var rows = await db.Enrolments.AsNoTracking()
            .Where(e => e.TrainingCentreId == form.CentreId && e.StartDate <= last
                && (e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended || e.Status == EnrolmentStatus.Enrolled
                    || (e.CompletedOn != null && e.CompletedOn >= first) || (e.DroppedOutOn != null && e.DroppedOutOn >= first)))
            .Select(e => new
            {
                e.Id, e.MigrantId, e.DiplomaTrack!.AlternatingTraining, e.DiplomaTrack.HostSharePercent,
            })
            .ToListAsync(ct);
        // The month's records of these enrolments, one index seek each: as a correlated
        // FirstOrDefault, EF numbered every record of the month of every centre (2 s at 1M).
        var enrolmentIds = rows.Select(r => r.Id).ToList();
        var records = await db.MonthlyAttendance.AsNoTracking()
            .Where(a => EF.Parameter(enrolmentIds).Contains(a.EnrolmentId) && a.Year == form.Year && a.Month == form.Month)
            .ToDictionaryAsync(a => a.EnrolmentId, ct);
        var migrantIds = rows.Select(r => r.MigrantId).ToList();
        // Names of apprentices already in scope through their enrolment at this centre.
        // Scope bypass: names of apprentices already in scope through their enrolment at this centre.
        var names = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => EF.Parameter(migrantIds).Contains(m.Id))
            .Select(m => new { m.Id, Name = m.FamilyName + " " + m.GivenName }).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        return rows.Select(r =>
        {
            var record = records.GetValueOrDefault(r.Id);
            var host = r.AlternatingTraining ? (int)Math.Round(WorkingDays * r.HostSharePercent / 100.0) : 0;
            return new AttendanceLine
            {
                EnrolmentId = r.Id, Version = record?.Version, Name = names.GetValueOrDefault(r.MigrantId, ""),
                CentreDaysExpected = record?.CentreDaysExpected ?? WorkingDays - host,
                CentreDaysPresent = record?.CentreDaysPresent,
                HostDaysExpected = record?.HostDaysExpected ?? host,
                HostDaysPresent = record?.HostDaysPresent,
            };
        }).OrderBy(x => x.Name, StringComparer.CurrentCulture).ToList();
    }
}

public sealed record AttendanceGridPage(string CentreName, AttendanceGridForm Form);
