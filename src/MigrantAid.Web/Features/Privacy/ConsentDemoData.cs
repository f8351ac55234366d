using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>
/// Demo consents per purpose for the demo files: case management for everyone (from the
/// registration consent), convention reporting for most, phone contact for those with a phone,
/// sharing with the organisation each referral went to; a few expire around today so the
/// expiring list has work in it. Deterministic (by file id) and idempotent.
/// </summary>
public sealed class ConsentDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 400;

    public async Task SeedAsync(AppDbContext db, DemoDataOptions options, CancellationToken ct)
    {
        if (await db.Consents.AnyAsync(ct))
        {
            return;
        }
        var today = clock.Today();
        var people = await db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null && m.ConsentGiven)
            .Select(m => new { m.Id, m.RegionId, m.ConsentDate, m.CreatedAt, m.Phone, m.ConsentRecordedById }).ToListAsync(ct);
        var referrals = (await db.Needs.AsNoTracking().Where(n => n.ReferredTo != null && n.ReferredOn != null)
            .Select(n => new { n.MigrantId, n.ReferredTo, n.ReferredOn }).ToListAsync(ct))
            .GroupBy(n => n.MigrantId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var p in people)
        {
            var given = p.ConsentDate ?? DateOnly.FromDateTime(p.CreatedAt.UtcDateTime);
            if (given > today)
            {
                given = today;
            }
            Consent Make(ConsentPurpose purpose, DateOnly on, DateOnly? expires, string? partner = null) => new()
            {
                MigrantId = p.Id, RegionId = p.RegionId, Purpose = purpose, GivenOn = on, ExpiresOn = expires, PartnerName = partner,
                Method = p.Id % 7 == 0 ? ConsentMethod.OralWithWitness : ConsentMethod.SignedForm,
                Witness = p.Id % 7 == 0 ? "Agent d'accueil" : null, RecordedById = p.ConsentRecordedById,
            };
            // One file in twenty has a case-management consent expiring in the next weeks, one in forty an expired one.
            DateOnly? expiry = (p.Id % 20) switch { 3 => today.AddDays(p.Id % 50), 7 when p.Id % 40 == 7 => today.AddDays(-(p.Id % 30) - 1), _ => null };
            db.Consents.Add(Make(ConsentPurpose.CaseManagement, given, expiry is { } e && e > given ? e : null));
            if (p.Id % 8 != 0)
            {
                db.Consents.Add(Make(ConsentPurpose.ConventionReporting, given, null));
            }
            if (p.Phone is not null && p.Id % 5 != 0)
            {
                db.Consents.Add(Make(ConsentPurpose.PhoneContact, given, null));
            }
            foreach (var r in referrals.GetValueOrDefault(p.Id) ?? [])
            {
                var on = r.ReferredOn!.Value < given ? given : r.ReferredOn.Value;
                db.Consents.Add(Make(ConsentPurpose.SharingWithPartner, on, null, r.ReferredTo));
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
