namespace MigrantAid.Web.Domain;

/// <summary>
/// Base of every editable aggregate: an integer key, audit columns and an optimistic
/// concurrency token renewed on each save, so two staff editing one record never silently
/// overwrite each other.
/// </summary>
public abstract class Entity
{
    public int Id { get; set; }

    /// <summary>Concurrency token: a new value on every save (set by <c>AppDbContext</c>).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>Reference data carries a stable code (the seed's natural key) and three names.</summary>
public abstract class ReferenceEntity : Entity
{
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 200;

    public string Code { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string NameAr { get; set; } = "";
    public string NameEn { get; set; } = "";

    /// <summary>The name in the user's language (fr default, ar, en).</summary>
    public string Name(string? language) => language switch
    {
        "ar" => string.IsNullOrEmpty(NameAr) ? NameFr : NameAr,
        "en" => string.IsNullOrEmpty(NameEn) ? NameFr : NameEn,
        _ => NameFr,
    };
}
