using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>What the current user may see and write on migrant files, beyond row scope.</summary>
public static class MigrantAccess
{
    /// <summary>Legal status details, vulnerabilities and confidential notes: never for centre directors or partners.</summary>
    public static bool MaySeeSensitive(CurrentUser user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.NationalManager)
        || user.IsInRole(Roles.RegionalManager) || user.IsInRole(Roles.SocialWorker);

    /// <summary>National administrators write anywhere; regional staff only in their region.</summary>
    public static bool MayWriteInRegion(CurrentUser user, int regionId) =>
        user.IsInRole(Roles.Administrator)
        || ((user.IsInRole(Roles.RegionalManager) || user.IsInRole(Roles.SocialWorker)) && user.RegionId == regionId);

    public static bool MayEdit(CurrentUser user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.RegionalManager) || user.IsInRole(Roles.SocialWorker);
}
