namespace MigrantAid.Web.Domain;

/// <summary>
/// The version of the rules (NameKey.Version) the stored search keys and tokens were built
/// with; one row per index. When the code's version is newer, the start-up rebuilds them.
/// </summary>
public class SearchIndexState
{
    public const int NameMaxLength = 50;
    public const string MigrantNames = "MigrantNames";
    public string Name { get; set; } = "";
    public int Version { get; set; }
}
