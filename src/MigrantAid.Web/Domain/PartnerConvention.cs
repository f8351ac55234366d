namespace MigrantAid.Web.Domain;

/// <summary>
/// A partner convention (EU, Belgian, Swiss cooperation, the Italian association's EU project):
/// the records attributed to it feed its indicators. The conventions feature owns its fields,
/// life cycle and pages; other features only attribute their records to it.
/// </summary>
public class PartnerConvention : Entity
{
    public const int ReferenceMaxLength = 40;
    public const int TitleMaxLength = 300;

    public string Reference { get; set; } = "";
    public string Title { get; set; } = "";
}

/// <summary>The kinds of record that can be attributed to a convention.</summary>
public enum AttributedRecordKind
{
    Enrolment = 1,
    IncomeGeneratingActivity = 2,
    AidDistribution = 3,
}

/// <summary>
/// One record attributed to one convention (a record may be attributed to several). Generic on
/// purpose, so a feature attributes its records without a table of its own and the indicators
/// read one place.
/// </summary>
public class ConventionAttribution
{
    public int Id { get; set; }
    public int PartnerConventionId { get; set; }
    public PartnerConvention? PartnerConvention { get; set; }
    public AttributedRecordKind RecordKind { get; set; }
    public int RecordId { get; set; }
}
