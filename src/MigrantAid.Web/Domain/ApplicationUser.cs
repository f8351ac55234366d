using Microsoft.AspNetCore.Identity;

namespace MigrantAid.Web.Domain;

/// <summary>
/// A member of staff. Scope is data: a user carries a region and/or a centre (or, for a
/// partner's liaison, a partner) and sees only what falls inside it.
/// </summary>
public class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 150;

    public string DisplayName { get; set; } = "";
    public int? RegionId { get; set; }
    public Region? Region { get; set; }
    public int? TrainingCentreId { get; set; }
    public TrainingCentre? TrainingCentre { get; set; }
    public int? PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public bool IsActive { get; set; } = true;
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
