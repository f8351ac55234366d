using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>
/// Erasure or objection where no legal obligation keeps the data: the person is anonymised, not
/// deleted, so every figure already reported stays true. Kept: sex, year of birth (the age
/// bands of every convention are computed from it, so it is coarsened no further), nationality,
/// region, legal status and vulnerability categories, and every dated training, aid or need
/// record counted by the dashboards and indicators. Removed: names, contacts, document numbers,
/// free text on every linked record, the exact birth date, the arrival date, links to relatives'
/// files, the search keys, and the old → new values of earlier audit entries of these records.
/// One save, one transaction; the audit keeps that it was done, by whom and why.
/// </summary>
public sealed class Anonymiser(AppDbContext db, AuditTrail auditTrail, PersonFileBuilder files, TimeProvider clock, CurrentUser user)
{
    public const string Scrubbed = "***";
    public const string AnonymisedField = "Anonymised";

    public async Task AnonymiseAsync(int migrantId, string reason, CancellationToken ct)
    {
        var m = await db.Migrants.Include(x => x.NameTokens).SingleAsync(x => x.Id == migrantId, ct);
        m.FileNumber = string.Create(CultureInfo.InvariantCulture, $"ANON-{m.Id:D6}");
        m.FamilyName = "";
        m.GivenName = "";
        m.FamilyNameArabic = null;
        m.GivenNameArabic = null;
        m.BirthYear = m.YearOfBirth;
        m.BirthDate = null;
        m.Languages = null;
        m.Phone = null;
        m.City = null;
        m.Address = null;
        m.ArrivalDate = null;
        m.ResidenceCardNumber = null;
        m.ResidenceCardExpiry = null;
        m.UnhcrNumber = null;
        m.Skills = null;
        m.ConsentScope = null;
        m.ConfirmedNotDuplicateOf = null;
        m.UpdateSearchKeys();

        var records = new List<(string Type, string Key)> { (nameof(Migrant), m.Id.ToString(CultureInfo.InvariantCulture)) };
        var today = clock.Today();
        foreach (var (type, link) in files.LinkedTypes())
        {
            foreach (var row in await files.RowsAsync(type, link, migrantId, tracked: true, ct))
            {
                records.Add((type.ClrType.Name, PersonFileBuilder.KeyOf(type, row)));
                var entry = db.Entry(row);
                // Free text and names on every linked record (ids and "who did it" columns are not the person's data).
                foreach (var p in entry.Properties.Where(p => p.Metadata.ClrType == typeof(string) && !p.Metadata.IsKey() && !p.Metadata.IsForeignKey()
                    && !p.Metadata.IsShadowProperty() && !p.Metadata.Name.EndsWith("Id", StringComparison.Ordinal) && !p.Metadata.Name.EndsWith("By", StringComparison.Ordinal)))
                {
                    p.CurrentValue = p.Metadata.IsNullable ? null : "";
                }
                switch (row)
                {
                    case HouseholdMember h:
                        // Neither the person's links to relatives' files nor relatives' links to theirs remain.
                        h.RelatedMigrantId = null;
                        if (link.Name == nameof(HouseholdMember.RelatedMigrantId))
                        {
                            h.Age = null;
                        }
                        break;
                    case CaseNote n:
                        n.Date = new DateOnly(n.Date.Year, n.Date.Month, 1);
                        break;
                    case Consent c:
                        c.Withdraw(today, user.Id);
                        break;
                }
            }
        }

        // Past audit entries of these records keep who did what and when, not the values.
        foreach (var audit in await files.AuditOfAsync(records, ct))
        {
            audit.Changes = ScrubChanges(audit.Changes);
        }
        var done = auditTrail.Event(AuditAction.Updated, nameof(Migrant), m.Id.ToString(CultureInfo.InvariantCulture));
        done.Changes = JsonSerializer.Serialize(new Dictionary<string, string?[]> { [AnonymisedField] = [null, reason] });
        db.AuditEntries.Add(done);

        // The anonymisation itself must not write the erased values as "old" into the trail.
        var suppressed = auditTrail.Suppressed;
        auditTrail.Suppressed = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            auditTrail.Suppressed = suppressed;
        }
    }

    public static string? ScrubChanges(string? changes)
    {
        if (string.IsNullOrEmpty(changes))
        {
            return changes;
        }
        using var document = JsonDocument.Parse(changes);
        var scrubbed = document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : Scrubbed).ToArray());
        return JsonSerializer.Serialize(scrubbed);
    }
}
