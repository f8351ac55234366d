using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>
/// What a consent allows, in one place: a referral to an outside organisation needs a valid
/// consent to share with that organisation; a person-level list made for a partner keeps only
/// the people who agreed to convention reporting (aggregates count everyone: they are anonymous).
/// </summary>
public sealed class ConsentRules(AppDbContext db, TimeProvider clock)
{
    /// <summary>Days ahead the expiring-consents list looks.</summary>
    public const int ExpiringWindowDays = 60;

    public async Task<bool> MayShareWithAsync(int migrantId, string? organisation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(organisation))
        {
            return false;
        }
        var today = clock.Today();
        var consents = await db.Consents.AsNoTracking()
            .Where(c => c.MigrantId == migrantId && c.Purpose == ConsentPurpose.SharingWithPartner && c.WithdrawnOn == null)
            .ToListAsync(ct);
        return consents.Any(c => c.IsValidOn(today) && c.Names(organisation));
    }

    /// <summary>The people of a person-level list made for a partner: only those with a valid convention-reporting consent.</summary>
    public static IQueryable<Migrant> WithReportingConsent(IQueryable<Migrant> people, AppDbContext db, DateOnly today) =>
        people.Where(m => db.Consents.Any(c => c.MigrantId == m.Id && c.Purpose == ConsentPurpose.ConventionReporting
            && c.WithdrawnOn == null && c.GivenOn <= today && (c.ExpiresOn == null || c.ExpiresOn >= today)));
}
