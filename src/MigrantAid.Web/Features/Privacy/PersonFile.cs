using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>One kind of record held on the person, each row as field → value (invariant text).</summary>
public sealed record PersonFileSection(string RecordType, IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows);

/// <summary>An opening of the file or a change to one of the person's records, from the audit trail.</summary>
public sealed record PersonFileAudit(DateTimeOffset At, string? UserName, string Action, string RecordType, string? RecordKey, string? Changes);

/// <summary>Everything held on a person (right of access): the file, every record linked to it, and the audit of who opened or changed them.</summary>
public sealed record PersonFile(int MigrantId, string FileNumber, IReadOnlyList<PersonFileSection> Sections, IReadOnlyList<PersonFileAudit> Audit);

/// <summary>
/// Gathers a person's records from the model itself: the file and every entity with a
/// <c>MigrantId</c> or <c>RelatedMigrantId</c> pointing at it — so a record kind a feature adds
/// later is part of the answer without touching this class. Also used by the anonymiser.
/// </summary>
public sealed class PersonFileBuilder(AppDbContext db, Infrastructure.Auditing.AuditEventWriter? auditEvents = null)
{
    /// <summary>Links from a record to a person's file.</summary>
    public static readonly string[] PersonLinks = ["MigrantId", "RelatedMigrantId"];

    // Derived from the names (search tokens): not information of its own.
    private static readonly HashSet<Type> Derived = [typeof(MigrantNameToken)];

    /// <summary>The entity types that point at a person, with the link property.</summary>
    public IEnumerable<(IEntityType Type, IProperty Link)> LinkedTypes() =>
        from t in db.Model.GetEntityTypes()
        where !t.IsOwned() && t.ClrType != typeof(Migrant) && !Derived.Contains(t.ClrType) && t.FindPrimaryKey() is not null
        from name in PersonLinks
        let p = t.FindProperty(name)
        where p is not null && (p.ClrType == typeof(int) || p.ClrType == typeof(int?))
        select (t, p);

    public async Task<PersonFile?> BuildAsync(int migrantId, CancellationToken ct)
    {
        var migrant = await db.Migrants.AsNoTracking().SingleOrDefaultAsync(m => m.Id == migrantId, ct);
        if (migrant is null)
        {
            return null;
        }
        var sections = new List<PersonFileSection> { new(nameof(Migrant), [Values(db.Model.FindEntityType(typeof(Migrant))!, migrant)]) };
        var keys = new List<(string Type, string Key)> { (nameof(Migrant), Invariant(migrantId)) };
        foreach (var (type, link) in LinkedTypes())
        {
            var rows = await RowsAsync(type, link, migrantId, tracked: false, ct);
            if (rows.Count == 0)
            {
                continue;
            }
            sections.Add(new PersonFileSection(SectionName(type, link), rows.Select(r => Values(type, r)).ToList()));
            keys.AddRange(rows.Select(r => (type.ClrType.Name, KeyOf(type, r))));
        }
        var audit = await AuditOfAsync(keys, ct);
        return new PersonFile(migrantId, migrant.FileNumber, sections,
            audit.OrderBy(a => a.At).ThenBy(a => a.Id)
                .Select(a => new PersonFileAudit(a.At, a.UserName, a.Action.ToString(), a.EntityType, a.EntityKey, a.Changes)).ToList());
    }

    /// <summary>The audit entries of these records (openings of the file included).</summary>
    public async Task<List<AuditEntry>> AuditOfAsync(IReadOnlyCollection<(string Type, string Key)> records, CancellationToken ct)
    {
        // Openings of the file still queued for the trail belong in it.
        if (auditEvents is not null)
        {
            await auditEvents.FlushAsync(ct);
        }
        var result = new List<AuditEntry>();
        foreach (var group in records.GroupBy(r => r.Type))
        {
            foreach (var chunk in group.Select(r => r.Key).Distinct().Chunk(500))
            {
                result.AddRange(await db.AuditEntries.Where(a => a.EntityType == group.Key && chunk.Contains(a.EntityKey)).ToListAsync(ct));
            }
        }
        return result;
    }

    /// <summary>The rows of one linked type for this person.</summary>
    public async Task<List<object>> RowsAsync(IEntityType type, IProperty link, int migrantId, bool tracked, CancellationToken ct)
    {
        var method = typeof(PersonFileBuilder).GetMethod(nameof(RowsOfAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(type.ClrType);
        return await (Task<List<object>>)method.Invoke(this, [link.Name, link.ClrType == typeof(int?), migrantId, tracked, ct])!;
    }

    private async Task<List<object>> RowsOfAsync<T>(string link, bool nullable, int migrantId, bool tracked, CancellationToken ct) where T : class
    {
        var set = tracked ? db.Set<T>() : db.Set<T>().AsNoTracking();
        var rows = nullable
            ? await set.Where(e => EF.Property<int?>(e, link) == migrantId).ToListAsync(ct)
            : await set.Where(e => EF.Property<int>(e, link) == migrantId).ToListAsync(ct);
        return rows.Cast<object>().ToList();
    }

    public static string KeyOf(IEntityType type, object row) =>
        string.Join(",", type.FindPrimaryKey()!.Properties.Select(p => Text(p.PropertyInfo?.GetValue(row) ?? p.FieldInfo?.GetValue(row))));

    private static string SectionName(IEntityType type, IProperty link) =>
        link.Name == "MigrantId" ? type.ClrType.Name : type.ClrType.Name + "." + link.Name;

    private static Dictionary<string, string?> Values(IEntityType type, object row) =>
        type.GetProperties().Where(p => p.PropertyInfo is not null || p.FieldInfo is not null)
            .Where(p => p.Name != nameof(Entity.Version))
            .ToDictionary(p => p.Name, p => Text(p.PropertyInfo is { } pi ? pi.GetValue(row) : p.FieldInfo!.GetValue(row)));

    private static string Invariant(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
