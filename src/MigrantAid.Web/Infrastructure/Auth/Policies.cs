using Microsoft.AspNetCore.Authorization;

namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>
/// Every named policy of the app, in one place. The fallback policy requires a signed-in
/// user, so an endpoint that forgets its attribute fails closed.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = nameof(Staff);
    /// <summary>Reference data and users: Administrator only.</summary>
    public const string Administration = nameof(Administration);
    /// <summary>Training centres and trades: everyone but partners' liaisons.</summary>
    public const string ViewCentres = nameof(ViewCentres);
    /// <summary>The users list: Administrator (all), RegionalManager (their region, read-only).</summary>
    public const string ViewUsers = nameof(ViewUsers);
    /// <summary>The audit trail: Administrator only, read-only.</summary>
    public const string ViewAudit = nameof(ViewAudit);

    /// <summary>Read enrolments, attendance, risk lists (row scope decides which).</summary>
    public const string Enrolments = nameof(Enrolments);
    /// <summary>Enrol a migrant: training staff, and social workers for the migrants of their region.</summary>
    public const string EnrolMigrants = nameof(EnrolMigrants);
    /// <summary>Status transitions, placements, attendance and outcomes: the centre's director and their hierarchy.</summary>
    public const string ManageEnrolments = nameof(ManageEnrolments);
    /// <summary>Create and edit centres: Administrator, or a RegionalManager for their region.</summary>
    public const string ManageCentres = nameof(ManageCentres);

    /// <summary>Migrant files, read: staff with a caseload (centre directors see their apprentices only, by row scope).</summary>
    public const string ViewMigrants = nameof(ViewMigrants);
    /// <summary>Lists built on sensitive data (legal status): not for centre directors or partners.</summary>
    public const string ViewSensitiveMigrantData = nameof(ViewSensitiveMigrantData);
    /// <summary>Register and edit migrant files, case notes, needs, imports.</summary>
    public const string EditMigrants = nameof(EditMigrants);
    /// <summary>Merge two files of the same person.</summary>
    public const string MergeMigrants = nameof(MergeMigrants);
    /// <summary>Undo a merge.</summary>
    public const string UnmergeMigrants = nameof(UnmergeMigrants);

    public static void AddAppPolicies(this AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Administration, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ViewUsers, p => p.RequireRole(Roles.Administrator, Roles.RegionalManager));
        options.AddPolicy(ViewAudit, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ViewCentres, p => p.RequireRole(
            Roles.Administrator, Roles.NationalManager, Roles.RegionalManager, Roles.CentreDirector, Roles.SocialWorker));
        options.AddPolicy(ViewMigrants, p => p.RequireRole(
            Roles.Administrator, Roles.NationalManager, Roles.RegionalManager, Roles.CentreDirector, Roles.SocialWorker));
        options.AddPolicy(ViewSensitiveMigrantData, p => p.RequireRole(
            Roles.Administrator, Roles.NationalManager, Roles.RegionalManager, Roles.SocialWorker));
        options.AddPolicy(EditMigrants, p => p.RequireRole(Roles.Administrator, Roles.RegionalManager, Roles.SocialWorker));
        options.AddPolicy(MergeMigrants, p => p.RequireRole(Roles.Administrator, Roles.RegionalManager));
        options.AddPolicy(UnmergeMigrants, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(Enrolments, p => p.RequireRole(
            Roles.Administrator, Roles.NationalManager, Roles.RegionalManager, Roles.CentreDirector, Roles.SocialWorker));
        options.AddPolicy(EnrolMigrants, p => p.RequireRole(
            Roles.Administrator, Roles.RegionalManager, Roles.CentreDirector, Roles.SocialWorker));
        options.AddPolicy(ManageEnrolments, p => p.RequireRole(Roles.Administrator, Roles.RegionalManager, Roles.CentreDirector));
        options.AddPolicy(ManageCentres, p => p.RequireRole(Roles.Administrator, Roles.RegionalManager));
    }
}
