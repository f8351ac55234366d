using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Enrolments;

/// <summary>
/// The enrolment rules that need the database: the migrant and centre exist and are in the
/// user's scope, the centre offers the trade and track that year, a place is free (an
/// Administrator may override, which is recorded), and the person has no other open enrolment.
/// </summary>
public sealed class EnrolmentService(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public sealed record Error(string Field, string MessageKey);

    public async Task<(Enrolment? Enrolment, IReadOnlyList<Error> Errors)> EnrolAsync(EnrolmentForm form, CancellationToken ct)
    {
        var errors = new List<Error>();
        var fileNumber = form.MigrantFileNumber!.Trim();
        // A director enrols people who are not yet visible to them (the file becomes visible
        // once enrolled at their centre), so they find the file by its exact number only.
        // Scope bypass: a director enrols a person not yet visible to them, found by exact file number.
        var migrants = user.Scope.Kind == ScopeKind.Centre ? db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]) : db.Migrants;
        var migrantId = await migrants.Where(m => m.FileNumber == fileNumber).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);
        if (migrantId is null)
        {
            errors.Add(new(nameof(form.MigrantFileNumber), "Enrolments.MigrantNotFound"));
        }
        var code = form.CentreCode!.Trim();
        var centre = await db.TrainingCentres.SingleOrDefaultAsync(c => c.Code == code, ct);
        if (centre is null)
        {
            errors.Add(new(nameof(form.CentreCode), "Enrolments.CentreNotFound"));
        }
        else if (!user.Scope.MayWorkAtCentre(centre.Id, centre.RegionId))
        {
            errors.Add(new(nameof(form.CentreCode), "Enrolments.CentreOutOfScope"));
        }
        var track = await db.DiplomaTracks.SingleOrDefaultAsync(t => t.Id == form.DiplomaTrackId, ct);
        if (track is null)
        {
            errors.Add(new(nameof(form.DiplomaTrackId), "Enrolments.TrackRequired"));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Rules span every centre and region: checked without the user's row scope.
        // Scope bypass: one active enrolment per person and capacity span every centre and region.
        var all = db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        if (await all.AnyAsync(e => e.MigrantId == migrantId && Enrolment.OpenStatuses.Contains(e.Status), ct))
        {
            errors.Add(new(nameof(form.MigrantFileNumber), "Enrolments.AlreadyEnrolled"));
        }
        var offer = await db.CentreOffers.AsNoTracking().SingleOrDefaultAsync(o => o.TrainingCentreId == centre!.Id
            && o.TradeId == form.TradeId && o.DiplomaTrackId == track!.Id && o.AcademicYear == form.AcademicYear, ct);
        var overridden = false;
        if (offer is null)
        {
            errors.Add(new(nameof(form.TradeId), "Enrolments.NotOffered"));
        }
        else
        {
            var taken = await all.CountAsync(e => e.TrainingCentreId == offer.TrainingCentreId && e.TradeId == offer.TradeId
                && e.DiplomaTrackId == offer.DiplomaTrackId && e.AcademicYear == offer.AcademicYear
                && e.Status != EnrolmentStatus.DroppedOut, ct);
            if (taken >= offer.Capacity)
            {
                if (form.OverrideCapacity && user.Has(Permissions.EnrolmentsOverrideCapacity))
                {
                    overridden = true;
                }
                else
                {
                    errors.Add(new(nameof(form.TradeId), user.Has(Permissions.EnrolmentsOverrideCapacity) ? "Enrolments.CapacityReachedOverride" : "Enrolments.CapacityReached"));
                }
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var enrolment = Enrolment.Apply(migrantId!.Value, centre!, form.TradeId!.Value, track!, form.AcademicYear!.Value, form.StartDate!.Value, clock.Today());
        enrolment.CapacityOverridden = overridden;
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync(ct);
        return (enrolment, errors);
    }
}
