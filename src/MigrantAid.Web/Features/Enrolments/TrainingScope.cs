using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Enrolments;

/// <summary>Write scope for training records: a posted centre outside it is a validation error, not a silent write.</summary>
public static class TrainingScope
{
    public static bool CanWriteAt(this CurrentUser user, int centreId, int centreRegionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Administrator)
            || (user.IsInRole(Roles.CentreDirector) && user.CentreId == centreId)
            || ((user.IsInRole(Roles.RegionalManager) || user.IsInRole(Roles.SocialWorker)) && user.RegionId == centreRegionId);
    }

    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }
}
