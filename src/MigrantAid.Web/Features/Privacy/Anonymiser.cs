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
public sealed class Anonymiser(AppDbContext db, AuditTrail auditTrail, PersonFileBuilder files, TimeProvider clock, CurrentUser user) : IPersonAnonymiser
{
    public const string Scrubbed = "***";
    public const string AnonymisedField = "Anonymised";

    public async Task AnonymiseAsync(int migrantId, string reason, CancellationToken ct)
    {
        var m = await db.Migrants.Include(x => x.NameTokens).SingleAsync(x => x.Id == migrantId, ct);
        var erased = new[] { m.FileNumber, m.ResidenceCardNumber, m.UnhcrNumber, m.Phone }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)
            .Concat(new[] { m.FamilyName, m.GivenName, m.FamilyNameArabic, m.GivenNameArabic }.Where(v => v is { Length: >= 3 }).Select(v => v!)).Distinct(StringComparer.Ordinal).ToList();
        var oldNumber = m.FileNumber;
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
        await ScrubMentionsAsync(oldNumber, m.FileNumber, erased, ct);
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

    /// <summary>
    /// Free text elsewhere that names the person: another file's "confirmed not a duplicate of"
    /// note (and that field's old → new values in its audit), and the report of an import not
    /// yet confirmed. The file number becomes the anonymous one (the note keeps its meaning:
    /// "not the same person as ANON-000123"); names, documents and phone become ***.
    /// </summary>
    private async Task ScrubMentionsAsync(string oldNumber, string newNumber, IReadOnlyList<string> erased, CancellationToken ct)
    {
        // Scope bypass: a file of another region may have been confirmed "not a duplicate" of the erased person.
        var noted = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(x => x.ConfirmedNotDuplicateOf != null && x.ConfirmedNotDuplicateOf.Contains(oldNumber)).ToListAsync(ct);
        foreach (var other in noted)
        {
            other.ConfirmedNotDuplicateOf = ReplaceNumber(other.ConfirmedNotDuplicateOf!, oldNumber, newNumber);
        }
        var keys = noted.Select(x => x.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        if (keys.Count > 0)
        {
            foreach (var audit in await db.AuditEntries.Where(a => a.EntityType == nameof(Migrant) && keys.Contains(a.EntityKey!) && a.Changes != null && a.Changes.Contains(oldNumber)).ToListAsync(ct))
            {
                audit.Changes = ReplaceNumber(audit.Changes!, oldNumber, newNumber);
            }
        }
        // Import batches live a day at most (their content is emptied once imported); a pending one's report may list the person's row.
        foreach (var batch in await db.ImportBatches.Where(b => b.Report != null && b.Report.Contains(oldNumber)).ToListAsync(ct))
        {
            var report = ReplaceNumber(batch.Report!, oldNumber, newNumber);
            foreach (var value in erased.Where(v => v != oldNumber))
            {
                report = report.Replace(value, Scrubbed, StringComparison.Ordinal).Replace(JsonEncoded(value), Scrubbed, StringComparison.Ordinal);
            }
            batch.Report = report;
        }
    }

    private static string JsonEncoded(string value) => JsonSerializer.Serialize(value)[1..^1];

    /// <summary>Replaces the whole file number only ("MA-1" must not touch "MA-12").</summary>
    private static string ReplaceNumber(string text, string oldNumber, string newNumber) =>
        System.Text.RegularExpressions.Regex.Replace(text, $"(?<![A-Za-z0-9]){System.Text.RegularExpressions.Regex.Escape(oldNumber)}(?![A-Za-z0-9])", newNumber,
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

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
