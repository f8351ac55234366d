using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Audit;

/// <summary>
/// What the trail records under code names (entity and property names, keys, enum numbers,
/// user ids) in the words of the people who read it: "Dossier migrant RSK-2026-00012",
/// "Téléphone", "Régularisé(e)", "as.rabat@…". The stored entries stay as written.
/// </summary>
public static class AuditLabels
{
    /// <summary>Audited record kinds with a label: the only kinds the filter offers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        ["Region"] = "Region", ["Province"] = "Province", ["Country"] = "Country", ["Sector"] = "Sector", ["Trade"] = "Trade",
        ["DiplomaTrack"] = "DiplomaTrack", ["Partner"] = "Partner", ["TrainingCentre"] = "TrainingCentre", ["CentreTrade"] = "CentreTrade",
        ["Migrant"] = "Migrant", ["CaseNote"] = "CaseNote", ["Need"] = "Need", ["HouseholdMember"] = "HouseholdMember",
        ["MigrantMerge"] = "MigrantMerge", ["Enrolment"] = "Enrolment", ["CentreOffer"] = "CentreOffer",
        ["HostProfessional"] = "HostProfessional", ["HostPlacement"] = "HostPlacement", ["MonthlyAttendance"] = "MonthlyAttendance",
        ["IncomeActivity"] = "IncomeActivity", ["ActivityMember"] = "ActivityMember", ["ActivityTranche"] = "ActivityTranche",
        ["ActivityVisit"] = "ActivityVisit", ["ActivityBudgetLine"] = "ActivityBudgetLine", ["AidSite"] = "AidSite",
        ["AidDistribution"] = "AidDistribution", ["AidRecipient"] = "AidRecipient", ["PartnerConvention"] = "PartnerConvention",
        ["ConventionAttribution"] = "ConventionAttribution", ["ConventionPartner"] = "ConventionPartner",
        ["ConventionRegion"] = "ConventionRegion", ["ConventionIndicator"] = "ConventionIndicator", ["IndicatorTarget"] = "IndicatorTarget",
        ["ReportVersion"] = "ReportVersion", ["ApplicationUser"] = "ApplicationUser", ["IdentityUserRole`1"] = "UserRole",
        ["Endpoint"] = "Endpoint", ["MigrantExport"] = "MigrantExport", ["EnrolmentLookup"] = "EnrolmentLookup",
    };

    // Columns derived from others (normalized search keys): showing them would only repeat the names.
    private static readonly HashSet<string> Derived =
        ["FamilyNameKey", "GivenNameKey", "FamilyNameArabicKey", "GivenNameArabicKey", "PhoneKey", "SearchKey", "NormalizedName"];

    public static bool IsLabelled(string entityType) => Entities.ContainsKey(entityType);

    public static bool IsDerived(string field) => Derived.Contains(field);

    public static string Entity(IStringLocalizer l, string entityType) =>
        Entities.TryGetValue(entityType, out var key) ? l["Audit.Entity." + key] : entityType;

    public static string Field(IStringLocalizer l, string field)
    {
        var label = l["Audit.Field." + field];
        return label.ResourceNotFound ? field : label.Value;
    }
}

/// <summary>An audit entry as the page and the CSV show it.</summary>
public sealed record AuditRow(
    long Id, DateTimeOffset At, string? User, AuditAction Action, string ActionLabel, string EntityLabel, string Record,
    IReadOnlyList<AuditChange> Changes, string? ClientAddress, string? RequestId);

public sealed record AuditChange(string Field, string? Old, string? New);

/// <summary>Turns stored entries into <see cref="AuditRow"/>s with a handful of look-ups per page.</summary>
public sealed class AuditPresenter(AppDbContext db, IStringLocalizer<SharedResource> l)
{
    private sealed record Raw(AuditEntry Entry, IEntityType? Type, List<(string Field, IProperty? Property, JsonElement? Old, JsonElement? New)> Changes);

    public async Task<IReadOnlyList<AuditRow>> PresentAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var raws = entries.Select(Parse).ToList();
        var refs = new Dictionary<Type, HashSet<string>>();
        void Want(Type t, string? v)
        {
            if (!string.IsNullOrEmpty(v))
            {
                (refs.TryGetValue(t, out var set) ? set : refs[t] = []).Add(v);
            }
        }
        foreach (var r in raws)
        {
            if (r.Entry.EntityType is nameof(Migrant) or nameof(ApplicationUser))
            {
                Want(r.Type!.ClrType, r.Entry.EntityKey);
            }
            foreach (var c in r.Changes)
            {
                if (Target(c.Field, c.Property) is { } t)
                {
                    Want(t, Text(c.Old));
                    Want(t, Text(c.New));
                }
            }
        }
        var names = await LoadNamesAsync(refs, ct);
        string? Show(string field, IProperty? property, JsonElement? value)
        {
            var text = Text(value);
            if (text is null)
            {
                return null;
            }
            if (Target(field, property) is { } t && names.TryGetValue((t, text), out var name))
            {
                return name;
            }
            var type = property?.ClrType is { } ct ? Nullable.GetUnderlyingType(ct) ?? ct : null;
            return (type, value!.Value.ValueKind) switch
            {
                ({ IsEnum: true }, JsonValueKind.Number) => EnumLabel(type, value.Value.GetInt64()),
                (_, JsonValueKind.True) => l["Audit.Yes"],
                (_, JsonValueKind.False) => l["Audit.No"],
                _ when type == typeof(DateOnly) && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var d) => d.ToString("d", CultureInfo.CurrentCulture),
                _ when (type == typeof(DateTimeOffset) || type == typeof(DateTime)) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                    => at.ToString("g", CultureInfo.CurrentCulture),
                (_, JsonValueKind.Number) when value.Value.TryGetDecimal(out var n) => n.ToString(CultureInfo.CurrentCulture),
                _ => text,
            };
        }
        return raws.Select(r =>
        {
            var e = r.Entry;
            var record = e.EntityKey is null ? "" : r.Type is { } t && names.TryGetValue((t.ClrType, e.EntityKey), out var n) ? n : e.EntityKey;
            return new AuditRow(e.Id, e.At, e.UserName ?? (e.UserId is { } id && names.TryGetValue((typeof(ApplicationUser), id), out var u) ? u : null),
                e.Action, l["AuditAction." + e.Action], AuditLabels.Entity(l, e.EntityType), record,
                r.Changes.Where(c => !AuditLabels.IsDerived(c.Field))
                    .Select(c => new AuditChange(AuditLabels.Field(l, c.Field), Show(c.Field, c.Property, c.Old), Show(c.Field, c.Property, c.New))).ToList(),
                e.ClientAddress, e.RequestId);
        }).ToList();
    }

    private Raw Parse(AuditEntry e)
    {
        var type = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == e.EntityType && !t.HasSharedClrType);
        var changes = new List<(string, IProperty?, JsonElement?, JsonElement?)>();
        if (!string.IsNullOrEmpty(e.Changes))
        {
            using var document = JsonDocument.Parse(e.Changes);
            foreach (var p in document.RootElement.EnumerateObject())
            {
                var values = p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (JsonElement?)null : v.Clone()).ToList();
                changes.Add((p.Name, type?.FindProperty(p.Name), values.ElementAtOrDefault(0), values.ElementAtOrDefault(1)));
            }
        }
        return new Raw(e, type, changes);
    }

    // Links shown by what the reader knows them by: a file number, an e-mail, a name.
    private static readonly Dictionary<string, Type> ByFieldName = new()
    {
        ["MigrantId"] = typeof(Migrant), ["RelatedMigrantId"] = typeof(Migrant), ["KeptId"] = typeof(Migrant), ["MergedId"] = typeof(Migrant),
        ["MergedIntoId"] = typeof(Migrant), ["ConfirmedNotDuplicateOf"] = typeof(Migrant),
        ["AuthorId"] = typeof(ApplicationUser), ["RegisteredById"] = typeof(ApplicationUser), ["ConsentRecordedById"] = typeof(ApplicationUser),
        ["UserId"] = typeof(ApplicationUser), ["DistributedBy"] = typeof(ApplicationUser), ["FrozenBy"] = typeof(ApplicationUser), ["ReversedBy"] = typeof(ApplicationUser),
        ["RoleId"] = typeof(IdentityRole), ["RegionId"] = typeof(Region), ["TrainingCentreId"] = typeof(TrainingCentre), ["TradeId"] = typeof(Trade),
        ["NationalityId"] = typeof(Country), ["PartnerId"] = typeof(Partner), ["DiplomaTrackId"] = typeof(DiplomaTrack),
    };

    private static Type? Target(string field, IProperty? property) =>
        property?.GetContainingForeignKeys().Select(f => f.PrincipalEntityType.ClrType).FirstOrDefault(ByFieldName.ContainsValue)
        ?? ByFieldName.GetValueOrDefault(field);

    private static string? Text(JsonElement? value) => value is null ? null : value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();

    private string EnumLabel(Type type, long number)
    {
        var value = Enum.ToObject(type, number);
        var names = type.IsDefined(typeof(FlagsAttribute), false)
            ? Enum.GetValues(type).Cast<Enum>().Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) != 0 && ((Enum)value).HasFlag(f)).Select(f => f.ToString()).ToList()
            : [value.ToString()!];
        return names.Count == 0 ? l["Audit.Empty"] : string.Join(", ", names.Select(n =>
        {
            var label = l[$"{type.Name}.{n}"];
            if (label.ResourceNotFound && type.Name.EndsWith('s'))
            {
                label = l[$"{type.Name[..^1]}.{n}"];
            }
            return label.ResourceNotFound ? n : label.Value;
        }));
    }

    private async Task<Dictionary<(Type, string), string>> LoadNamesAsync(Dictionary<Type, HashSet<string>> refs, CancellationToken ct)
    {
        var names = new Dictionary<(Type, string), string>();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        static List<int> Ints(HashSet<string> s) => s.Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : (int?)null).OfType<int>().ToList();
        void Add<T>(IEnumerable<(object Key, string Name)> rows)
        {
            foreach (var (key, name) in rows)
            {
                names[(typeof(T), Convert.ToString(key, CultureInfo.InvariantCulture)!)] = name;
            }
        }
        foreach (var (type, set) in refs)
        {
            if (type == typeof(Migrant))
            {
                var ids = Ints(set);
                Add<Migrant>((await db.Migrants.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.FileNumber }).ToListAsync(ct))
                    .Select(m => ((object)m.Id, m.FileNumber)));
            }
            else if (type == typeof(ApplicationUser))
            {
                var ids = set.ToList();
                Add<ApplicationUser>((await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
                    .Select(u => ((object)u.Id, u.Email ?? u.Id)));
            }
            else if (type == typeof(IdentityRole))
            {
                var ids = set.ToList();
                Add<IdentityRole>((await db.Roles.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
                    .Select(r => ((object)r.Id, Role(r.Name))));
            }
            else if (type == typeof(TrainingCentre))
            {
                var ids = Ints(set);
                Add<TrainingCentre>((await db.TrainingCentres.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                    .Select(c => ((object)c.Id, c.Name)));
            }
            else if (type == typeof(Region))
            {
                Add<Region>(await ReferenceAsync(db.Regions, Ints(set), language, ct));
            }
            else if (type == typeof(Trade))
            {
                Add<Trade>(await ReferenceAsync(db.Trades, Ints(set), language, ct));
            }
            else if (type == typeof(Country))
            {
                Add<Country>(await ReferenceAsync(db.Countries, Ints(set), language, ct));
            }
            else if (type == typeof(Partner))
            {
                Add<Partner>(await ReferenceAsync(db.Partners, Ints(set), language, ct));
            }
            else if (type == typeof(DiplomaTrack))
            {
                Add<DiplomaTrack>(await ReferenceAsync(db.DiplomaTracks, Ints(set), language, ct));
            }
        }
        return names;
    }

    private string Role(string? name)
    {
        var label = l["Role." + name];
        return label.ResourceNotFound ? name ?? "" : label.Value;
    }

    private static async Task<IEnumerable<(object, string)>> ReferenceAsync<T>(IQueryable<T> set, List<int> ids, string language, CancellationToken ct)
        where T : ReferenceEntity =>
        (await set.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)).Select(r => ((object)r.Id, r.Name(language)));
}
