using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>Shorthands over the access model for migrant files (Infrastructure/Auth/AccessModel.cs decides).</summary>
public static class MigrantAccess
{
    /// <summary>Legal status details, vulnerabilities and confidential notes: never for centre directors or partners.</summary>
    public static bool MaySeeSensitive(CurrentUser user) => user.Has(Permissions.MigrantsReadSensitive);

    /// <summary>National writers write anywhere; regional staff only in their region.</summary>
    public static bool MayWriteInRegion(CurrentUser user, int regionId) => user.Scope.MayWriteInRegion(regionId);

    public static bool MayEdit(CurrentUser user) => user.Has(Permissions.MigrantsWrite);
}
