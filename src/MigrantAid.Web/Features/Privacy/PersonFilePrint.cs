using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Audit;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>One value of the print: its field's code and label, the value in words, and whether it reads left to right (numbers, e-mails).</summary>
public sealed record PersonFilePrintValue(string Code, string Label, string Value, bool Ltr);

/// <summary>One record of the print, in the reader's language.</summary>
public sealed record PersonFilePrintRow(IReadOnlyList<PersonFilePrintValue> Values);

public sealed record PersonFilePrintSection(string RecordType, IReadOnlyList<PersonFilePrintRow> Rows);

/// <summary>The right-of-access print in words: labels for record kinds, fields and values, names for linked records.</summary>
public sealed record PersonFilePrint(int MigrantId, string FileNumber, IReadOnlyList<PersonFilePrintSection> Sections, IReadOnlyList<AuditRow> Audit);

/// <summary>
/// Puts the person's file in words with the audit page's presenter (the one place that knows
/// field labels, enum labels and the names behind ids): each record is presented as if it had
/// just been created with all its values, so the print and the audit page say things alike.
/// The JSON keeps the stable code names.
/// </summary>
public sealed class PersonFilePrinter(AppDbContext db, AuditPresenter presenter)
{
    public async Task<PersonFilePrint> PrintAsync(PersonFile file, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        var codes = new List<List<string>>();
        var counts = new List<int>();
        foreach (var section in file.Sections)
        {
            var typeName = section.RecordType.Split('.')[0];
            var type = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == typeName && !t.HasSharedClrType);
            foreach (var row in section.Rows)
            {
                var changes = new Dictionary<string, object?[]>();
                foreach (var (field, value) in row)
                {
                    if (value is not null && !(type?.FindPrimaryKey()?.Properties.Any(p => p.Name == field) ?? false))
                    {
                        changes[field] = [null, Typed(type?.FindProperty(field)?.ClrType, value)];
                    }
                }
                entries.Add(new AuditEntry { EntityType = typeName, Action = AuditAction.Created, Changes = JsonSerializer.Serialize(changes) });
                codes.Add(changes.Keys.Where(k => !AuditLabels.IsDerived(k)).ToList());
            }
            counts.Add(section.Rows.Count);
        }
        var audit = file.Audit.Select(a => new AuditEntry
        {
            At = a.At, UserName = a.UserName, Action = Enum.TryParse<AuditAction>(a.Action, out var action) ? action : AuditAction.Viewed,
            EntityType = a.RecordType, EntityKey = a.RecordKey, Changes = a.Changes,
        }).ToList();
        var presented = await presenter.PresentAsync([.. entries, .. audit], ct);
        var sections = new List<PersonFilePrintSection>();
        var at = 0;
        for (var i = 0; i < file.Sections.Count; i++)
        {
            sections.Add(new PersonFilePrintSection(file.Sections[i].RecordType,
                presented.Skip(at).Take(counts[i]).Select((r, j) => new PersonFilePrintRow(
                    r.Changes.Zip(codes[at + j], (c, code) => new PersonFilePrintValue(code, c.Field, c.New ?? "", LeftToRight.Contains(code))).ToList())).ToList()));
            at += counts[i];
        }
        return new PersonFilePrint(file.MigrantId, file.FileNumber, sections, presented.Skip(at).ToList());
    }

    /// <summary>Fields whose value reads left to right in any language: numbers, e-mails, and links shown as file numbers or e-mails.</summary>
    private static readonly HashSet<string> LeftToRight =
    [
        nameof(Migrant.Phone), nameof(Migrant.FileNumber), nameof(Migrant.ResidenceCardNumber), nameof(Migrant.UnhcrNumber), nameof(Migrant.ConfirmedNotDuplicateOf),
        nameof(Migrant.MergedIntoId), "Email", "MigrantId", "RelatedMigrantId", "AuthorId", "RegisteredById", "ConsentRecordedById", "UserId", "HandledById",
    ];

    /// <summary>The stored value as the audit trail writes it: enums and numbers as numbers, booleans as booleans.</summary>
    private static object? Typed(Type? clrType, string value)
    {
        var type = clrType is null ? null : Nullable.GetUnderlyingType(clrType) ?? clrType;
        return type switch
        {
            { IsEnum: true } when Enum.TryParse(type, value, out var e) => Convert.ToInt64(e, CultureInfo.InvariantCulture),
            _ when type == typeof(bool) && bool.TryParse(value, out var b) => b,
            _ when (type == typeof(int) || type == typeof(long) || type == typeof(short)) && long.TryParse(value, CultureInfo.InvariantCulture, out var n) => n,
            _ when type == typeof(decimal) && decimal.TryParse(value, CultureInfo.InvariantCulture, out var d) => d,
            _ => value,
        };
    }
}
