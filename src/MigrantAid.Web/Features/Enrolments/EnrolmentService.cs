using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Enrolments;

/// <summary>The person an enrolment is for, as the form shows them to confirm: never a sensitive field.</summary>
public sealed record PersonToConfirm(int Id, string FileNumber, string FamilyName, string GivenName, int? BirthYear, string Nationality);

/// <summary>One offer of a centre for a year, as the form lists it.</summary>
public sealed record OfferChoice(int Id, int TradeId, int TrackId, int Capacity, int Taken);

public enum LookupOutcome { Found, NoMatch, TooMany }

/// <summary>
/// The enrolment rules that need the database. The usual path is a proposal from the case
/// file by the staff who follow the person (they see the file); a centre director who enrols
/// someone in front of them first proves they know the person — file number, family name and
/// birth year together — so a director cannot learn whether a number exists elsewhere: a
/// mismatch answers exactly like an unknown number, every look-up is audited and they are
/// limited per user per hour. The proposal is then checked: the centre is the user's to work
/// at, the offer exists (trade, track and year come from it), a place is free (an
/// Administrator may override, which is recorded), and the person has no other open enrolment.
/// </summary>
public sealed class EnrolmentService(AppDbContext db, CurrentUser user, TimeProvider clock, AuditTrail auditTrail,
    IDataProtectionProvider protection, IOptions<TrainingOptions> options)
{
    /// <summary>The audit entry type of a director's look-up; the hourly limit counts these.</summary>
    public const string LookupAuditType = "EnrolmentLookup";
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(1);

    public sealed record Error(string Field, string MessageKey);

    private ITimeLimitedDataProtector Tickets => protection.CreateProtector("MigrantAid.EnrolmentLookup.v1").ToTimeLimitedDataProtector();

    // Scope bypass: a person identified by a director's look-up (file number, family name and birth year together) or its ticket.
    private IQueryable<Migrant> IdentifiedMigrants => db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking();

    public async Task<(LookupOutcome Outcome, string? Ticket)> LookupAsync(EnrolmentLookupForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var since = clock.GetUtcNow().AddHours(-1);
        var userId = user.Id;
        var recent = await db.AuditEntries.CountAsync(a => a.UserId == userId && a.EntityType == LookupAuditType && a.At >= since, ct);
        if (recent >= options.Value.LookupsPerHour)
        {
            return (LookupOutcome.TooMany, null);
        }
        var fileNumber = form.FileNumber!.Trim();
        var upper = fileNumber.ToUpperInvariant();
        // Who tried which number is the trail; the name typed is not kept.
        db.AuditEntries.Add(auditTrail.Event(AuditAction.Viewed, LookupAuditType, fileNumber));
        await db.SaveChangesAsync(ct);

        var candidate = await IdentifiedMigrants.Where(m => (m.FileNumber == fileNumber || m.FileNumber == upper) && m.MergedIntoId == null)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.FamilyName, m.FamilyNameArabic, m.BirthYear, m.BirthDate })
            .FirstOrDefaultAsync(ct);
        var typed = NameKey.Key(form.FamilyName);
        var matches = candidate is not null && typed.Length > 0
            && (candidate.BirthDate?.Year ?? candidate.BirthYear) == form.BirthYear
            && (NameKey.Key(candidate.FamilyName) == typed || NameKey.Key(candidate.FamilyNameArabic) == typed);
        return matches ? (LookupOutcome.Found, Tickets.Protect(Ticket(candidate!.Id), TicketLifetime)) : (LookupOutcome.NoMatch, null);
    }

    /// <summary>The person of a proposal: a file the user sees, or the one their own look-up ticket names.</summary>
    public async Task<PersonToConfirm?> PersonAsync(int? migrantId, string? ticket, CancellationToken ct)
    {
        IQueryable<Migrant> source;
        int id;
        if (!string.IsNullOrEmpty(ticket))
        {
            if (ReadTicket(ticket) is not { } fromTicket)
            {
                return null;
            }
            source = IdentifiedMigrants;
            id = fromTicket;
        }
        else if (migrantId is { } m)
        {
            source = db.Migrants.AsNoTracking();
            id = m;
        }
        else
        {
            return null;
        }
        var language = Cultures.Current;
        return await source.Where(x => x.Id == id && x.MergedIntoId == null)
            .Select(x => new PersonToConfirm(x.Id, x.FileNumber, x.FamilyName, x.GivenName, x.BirthDate != null ? x.BirthDate.Value.Year : x.BirthYear,
                language == "ar" ? x.Nationality!.NameAr : language == "en" ? x.Nationality!.NameEn : x.Nationality!.NameFr))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The centres the user may enrol at that have an offer for the year (a director: their own).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> CentresAsync(int year, CancellationToken ct)
    {
        var offering = db.CentreOffers.Where(o => o.AcademicYear == year).Select(o => o.TrainingCentreId);
        var centres = db.TrainingCentres.AsNoTracking().Where(c => offering.Contains(c.Id));
        var scope = user.Scope;
        centres = scope.Kind switch
        {
            ScopeKind.Centre => centres.Where(c => c.Id == scope.CentreId),
            ScopeKind.Region => centres.Where(c => c.RegionId == scope.RegionId),
            _ when scope.IsNational => centres,
            _ => centres.Where(_ => false),
        };
        var rows = await centres.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.City }).Take(500).ToListAsync(ct);
        return rows.Select(c => (c.Id, $"{c.Name} — {c.City}")).ToList();
    }

    /// <summary>The offers of a centre for a year, with the places taken (across every scope: a head-count).</summary>
    public async Task<IReadOnlyList<OfferChoice>> OffersAsync(int centreId, int year, CancellationToken ct)
    {
        var offers = await db.CentreOffers.AsNoTracking().Where(o => o.TrainingCentreId == centreId && o.AcademicYear == year)
            .OrderBy(o => o.TradeId).ThenBy(o => o.DiplomaTrackId).ToListAsync(ct);
        var taken = await AllEnrolments.Where(e => e.TrainingCentreId == centreId && e.AcademicYear == year && Enrolment.PlaceTakingStatuses.Contains(e.Status))
            .GroupBy(e => new { e.TradeId, e.DiplomaTrackId }).Select(g => new { g.Key.TradeId, g.Key.DiplomaTrackId, Count = g.Count() })
            .ToListAsync(ct);
        return offers.Select(o => new OfferChoice(o.Id, o.TradeId, o.DiplomaTrackId, o.Capacity,
            taken.Where(t => t.TradeId == o.TradeId && t.DiplomaTrackId == o.DiplomaTrackId).Sum(t => t.Count))).ToList();
    }

    public bool MayWorkAt(TrainingCentre centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        return user.Scope.MayWorkAtCentre(centre.Id, centre.RegionId);
    }

    public async Task<(Enrolment? Enrolment, IReadOnlyList<Error> Errors)> ProposeAsync(EnrolmentForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<Error>();
        var person = await PersonAsync(form.MigrantId, form.Ticket, ct);
        if (person is null)
        {
            errors.Add(new("", "Enrolments.MigrantNotFound"));
        }
        var offer = await db.CentreOffers.AsNoTracking().Include(o => o.TrainingCentre).Include(o => o.DiplomaTrack)
            .SingleOrDefaultAsync(o => o.Id == form.OfferId, ct);
        if (offer is null || (form.CentreId is { } chosen && offer.TrainingCentreId != chosen))
        {
            errors.Add(new(nameof(form.OfferId), "Enrolments.NotOffered"));
        }
        else if (!MayWorkAt(offer.TrainingCentre!))
        {
            errors.Add(new(nameof(form.OfferId), "Enrolments.CentreOutOfScope"));
        }
        else if (form.StartDate is { } start && AcademicYear.Of(start) != offer.AcademicYear)
        {
            errors.Add(new(nameof(form.StartDate), "Enrolments.StartDateOutsideYear"));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (await AllEnrolments.AnyAsync(e => e.MigrantId == person!.Id && Enrolment.OpenStatuses.Contains(e.Status), ct))
        {
            errors.Add(new("", "Enrolments.AlreadyEnrolled"));
        }
        var taken = await AllEnrolments.CountAsync(e => e.TrainingCentreId == offer!.TrainingCentreId && e.TradeId == offer.TradeId
            && e.DiplomaTrackId == offer.DiplomaTrackId && e.AcademicYear == offer.AcademicYear
            && Enrolment.PlaceTakingStatuses.Contains(e.Status), ct);
        var overridden = false;
        if (taken >= offer!.Capacity)
        {
            if (form.OverrideCapacity && user.Has(Permissions.EnrolmentsOverrideCapacity))
            {
                overridden = true;
            }
            else
            {
                errors.Add(new(nameof(form.OfferId), user.Has(Permissions.EnrolmentsOverrideCapacity) ? "Enrolments.CapacityReachedOverride" : "Enrolments.CapacityReached"));
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var enrolment = Enrolment.Apply(person!.Id, offer.TrainingCentre!, offer.TradeId, offer.DiplomaTrack!, offer.AcademicYear, form.StartDate!.Value, clock.Today());
        enrolment.CapacityOverridden = overridden;
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync(ct);
        return (enrolment, errors);
    }

    // Rules span every centre and region (one open enrolment per person, places of an offer): head-counts, never rows shown.
    // Scope bypass: one active enrolment per person and capacity span every centre and region.
    private IQueryable<Enrolment> AllEnrolments => db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking();

    // A ticket is good for its user only, for an hour.
    private string Ticket(int migrantId) => string.Create(CultureInfo.InvariantCulture, $"{migrantId}:{user.Id}");

    private int? ReadTicket(string ticket)
    {
        try
        {
            var parts = Tickets.Unprotect(ticket).Split(':', 2);
            return parts.Length == 2 && parts[1] == user.Id && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
