namespace MigrantAid.Web.Domain;

/// <summary>
/// The last file number given in one sequence ("RSK-2026-"): a registration takes the next one
/// by incrementing this row in its own transaction, so two registrations — in one app or in
/// several instances over one database — never read the same last number. Written only by
/// <c>MigrantRegistry</c>, never through the change tracker (no audit entry: it is a sequence,
/// not a record of anyone).
/// </summary>
public class FileNumberCounter
{
    public const int PrefixMaxLength = 20;

    /// <summary>The region code and year, with their separators: "RSK-2026-".</summary>
    public string Prefix { get; set; } = "";
    public int Last { get; set; }
}
