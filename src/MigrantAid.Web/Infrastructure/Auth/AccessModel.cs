using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>
/// What a person may do, named. Controllers and views ask for one of these (an
/// <c>[Authorize(Permissions.X)]</c> attribute, <c>CurrentUser.Has</c>, or
/// <c>IAuthorizationService</c> with the permission as policy name), never for a role.
/// </summary>
public static class Permissions
{
    public const string MigrantsRead = "Migrants.Read";
    /// <summary>Legal status details, documents, health and vulnerabilities, confidential notes; filters and searches on them.</summary>
    public const string MigrantsReadSensitive = "Migrants.ReadSensitive";
    public const string MigrantsWrite = "Migrants.Write";
    public const string MigrantsMerge = "Migrants.Merge";
    public const string MigrantsUnmerge = "Migrants.Unmerge";

    public const string EnrolmentsRead = "Enrolments.Read";
    /// <summary>Propose an enrolment for a followed migrant (the centre's director accepts or declines).</summary>
    public const string EnrolmentsPropose = "Enrolments.Propose";
    /// <summary>Accept applications, status changes, host placements, attendance and outcomes.</summary>
    public const string EnrolmentsManage = "Enrolments.Manage";
    /// <summary>Enrol beyond a centre's capacity for a trade and year (recorded).</summary>
    public const string EnrolmentsOverrideCapacity = "Enrolments.OverrideCapacity";

    public const string CentresRead = "Centres.Read";
    /// <summary>Edit the centres in scope (a regional manager: their region's).</summary>
    public const string CentresManage = "Centres.Manage";
    /// <summary>Create centres, import the centre referential, edit trades.</summary>
    public const string ReferenceDataManage = "ReferenceData.Manage";

    public const string UsersRead = "Users.Read";
    public const string UsersManage = "Users.Manage";
    public const string AuditRead = "Audit.Read";

    public const string ConventionsRead = "Conventions.Read";
    public const string ConventionsManage = "Conventions.Manage";
    /// <summary>Indicators and donor reports: numbers only, small cells suppressed for partners.</summary>
    public const string ConventionsReadAggregates = "Conventions.ReadAggregates";
    /// <summary>Attribute records (enrolments, activities, distributions) to the conventions one reads, one by one or in bulk.</summary>
    public const string ConventionsAttribute = "Conventions.Attribute";

    public const string ActivitiesRead = "Activities.Read";
    /// <summary>Propose an income-generating activity, record tranches and follow-up visits.</summary>
    public const string ActivitiesWrite = "Activities.Write";
    public const string ActivitiesApprove = "Activities.Approve";
    /// <summary>The status only (title, sector, status, dates) of the activities of the user's own apprentices (issue 10: directors).</summary>
    public const string ActivitiesApprenticeStatus = "Activities.ApprenticeStatus";

    public const string AidRead = "Aid.Read";
    public const string AidDistribute = "Aid.Distribute";

    public const string DashboardsRead = "Dashboards.Read";
    /// <summary>Requests of the people on file, consents, retention (data-protection officer).</summary>
    public const string PrivacyManage = "Privacy.Manage";

    /// <summary>Enrol someone: a proposal by the staff who follow them, or the centre's own management (either permission).</summary>
    public const string EnrolmentsProposeOrManage = EnrolmentsPropose + AnyOf + EnrolmentsManage;

    /// <summary>Joins permissions of a policy any one of which suffices.</summary>
    public const string AnyOf = "|";

    public static readonly IReadOnlyList<string> All =
    [
        MigrantsRead, MigrantsReadSensitive, MigrantsWrite, MigrantsMerge, MigrantsUnmerge,
        EnrolmentsRead, EnrolmentsPropose, EnrolmentsManage, EnrolmentsOverrideCapacity,
        CentresRead, CentresManage, ReferenceDataManage, UsersRead, UsersManage, AuditRead,
        ConventionsRead, ConventionsManage, ConventionsReadAggregates, ConventionsAttribute,
        ActivitiesRead, ActivitiesWrite, ActivitiesApprove, AidRead, AidDistribute,
        DashboardsRead, PrivacyManage,
        ActivitiesApprenticeStatus,
    ];
}

/// <summary>Which rows a role works on: the dimension of its row scope.</summary>
public enum ScopeKind
{
    /// <summary>Nothing: signed out, or no role. Scoped sets are empty.</summary>
    None,
    /// <summary>Code outside a request that opted in (seeding, command-line verbs, background jobs).</summary>
    System,
    National,
    Region,
    Centre,
    /// <summary>The conventions of the partner organisations the user is linked to; never a person row.</summary>
    Partner,
}

/// <summary>
/// The access model, in one place: each role's permissions and row-scope dimension. DOMAIN.md
/// ("The people who use it") is the source; AccessModelTests restates it as a table.
/// </summary>
public static class AccessModel
{
    private static readonly FrozenDictionary<string, (ScopeKind Scope, FrozenSet<string> Permissions)> ByRole =
        new Dictionary<string, (ScopeKind, FrozenSet<string>)>
        {
            [Roles.Administrator] = (ScopeKind.National, Permissions.All.ToFrozenSet()),
            [Roles.NationalManager] = (ScopeKind.National, new[]
            {
                Permissions.MigrantsRead, Permissions.MigrantsReadSensitive, Permissions.EnrolmentsRead, Permissions.CentresRead,
                Permissions.ConventionsRead, Permissions.ConventionsManage, Permissions.ConventionsReadAggregates, Permissions.ConventionsAttribute,
                Permissions.ActivitiesRead, Permissions.AidRead, Permissions.DashboardsRead,
            }.ToFrozenSet()),
            [Roles.RegionalManager] = (ScopeKind.Region, new[]
            {
                Permissions.MigrantsRead, Permissions.MigrantsReadSensitive, Permissions.MigrantsWrite, Permissions.MigrantsMerge,
                Permissions.EnrolmentsRead, Permissions.EnrolmentsPropose, Permissions.EnrolmentsManage,
                Permissions.CentresRead, Permissions.CentresManage, Permissions.UsersRead,
                Permissions.ConventionsRead, Permissions.ConventionsReadAggregates, Permissions.ConventionsAttribute,
                Permissions.ActivitiesRead, Permissions.ActivitiesWrite, Permissions.ActivitiesApprove,
                Permissions.AidRead, Permissions.AidDistribute, Permissions.DashboardsRead,
            }.ToFrozenSet()),
            // A director sees their apprentices' files without sensitive fields (row scope: their centre).
            [Roles.CentreDirector] = (ScopeKind.Centre, new[]
            {
                Permissions.MigrantsRead, Permissions.EnrolmentsRead, Permissions.EnrolmentsManage,
                Permissions.CentresRead, Permissions.DashboardsRead, Permissions.ActivitiesApprenticeStatus,
            }.ToFrozenSet()),
            [Roles.SocialWorker] = (ScopeKind.Region, new[]
            {
                Permissions.MigrantsRead, Permissions.MigrantsReadSensitive, Permissions.MigrantsWrite,
                Permissions.EnrolmentsRead, Permissions.EnrolmentsPropose, Permissions.CentresRead,
                Permissions.ActivitiesRead, Permissions.ActivitiesWrite, Permissions.AidRead, Permissions.AidDistribute,
            }.ToFrozenSet()),
            // Aggregates of their conventions only: no person-level permission at all.
            [Roles.PartnerViewer] = (ScopeKind.Partner, new[] { Permissions.ConventionsReadAggregates }.ToFrozenSet()),
        }.ToFrozenDictionary();

    /// <summary>The role names of the user that the model knows (the only place that reads role claims).</summary>
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? Roles.All.Where(user.IsInRole).ToList() : [];

    public static IReadOnlySet<string> PermissionsOf(string role) =>
        ByRole.TryGetValue(role, out var r) ? r.Permissions : FrozenSet<string>.Empty;

    /// <summary>Roles that must sign in with a second factor (an authenticator app): the national ones.</summary>
    public static readonly IReadOnlyList<string> TwoFactorRoles = [Roles.Administrator, Roles.NationalManager];

    /// <summary>The scope kind of a role; none for an unknown or missing role (a form sent without one).</summary>
    public static ScopeKind ScopeOf(string? role) => role is not null && ByRole.TryGetValue(role, out var r) ? r.Scope : ScopeKind.None;

    public static bool Has(this ClaimsPrincipal? user, string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        var roles = RolesOf(user);
        return permission.Split(Permissions.AnyOf).Any(p => roles.Any(r => PermissionsOf(r).Contains(p)));
    }

    /// <summary>One policy per permission (named as the permission), and a fallback that requires a signed-in user.</summary>
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        foreach (var permission in Permissions.All)
        {
            options.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(permission)));
        }
        options.AddPolicy(Permissions.EnrolmentsProposeOrManage, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.Has(Permissions.EnrolmentsProposeOrManage)));
    }

    /// <summary>The access scope of a principal, from its claims. Signed out or without a known role: nothing.</summary>
    public static AccessScope ScopeFor(ClaimsPrincipal? user)
    {
        var roles = RolesOf(user);
        if (roles.Count == 0)
        {
            return AccessScope.Denied;
        }
        // One role per user in this app; should several be given, the narrowest scope wins.
        var kind = roles.Select(ScopeOf).OrderByDescending(k => k).First();
        var permissions = roles.SelectMany(PermissionsOf).ToFrozenSet();
        var region = ReadInt(user!, AppClaimTypes.RegionId);
        var centre = ReadInt(user!, AppClaimTypes.CentreId);
        var partners = user!.FindAll(AppClaimTypes.PartnerId)
            .Select(c => int.TryParse(c.Value, CultureInfo.InvariantCulture, out var v) ? v : (int?)null)
            .OfType<int>().ToFrozenSet();
        return kind switch
        {
            ScopeKind.National => new AccessScope(kind, permissions, null, null, FrozenSet<int>.Empty),
            ScopeKind.Region when region is not null => new AccessScope(kind, permissions, region, null, FrozenSet<int>.Empty),
            ScopeKind.Centre when centre is not null => new AccessScope(kind, permissions, region, centre, FrozenSet<int>.Empty),
            ScopeKind.Partner => new AccessScope(kind, permissions, null, null, partners),
            // A regional role without a region, or a director without a centre, works on nothing.
            _ => new AccessScope(ScopeKind.None, permissions, null, null, FrozenSet<int>.Empty),
        };
    }

    private static int? ReadInt(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirst(type)?.Value, CultureInfo.InvariantCulture, out var v) ? v : null;
}

/// <summary>
/// The rows one person may work on, built once per request from the claims. The EF "Scope"
/// query filters read <see cref="FilterAll"/>, <see cref="FilterRegionId"/>,
/// <see cref="FilterCentreId"/>; writes check <see cref="MayWriteInRegion"/> and
/// <see cref="MayWorkAtCentre"/>. -1 never matches a key.
/// </summary>
public sealed class AccessScope(ScopeKind kind, IReadOnlySet<string> permissions, int? regionId, int? centreId, IReadOnlySet<int> partnerIds)
{
    public static readonly AccessScope Denied = new(ScopeKind.None, FrozenSet<string>.Empty, null, null, FrozenSet<int>.Empty);
    /// <summary>Every row, no permission: for code outside a request that opted in (see CurrentUser.EnterSystemScope).</summary>
    public static readonly AccessScope System = new(ScopeKind.System, FrozenSet<string>.Empty, null, null, FrozenSet<int>.Empty);

    public ScopeKind Kind { get; } = kind;
    public IReadOnlySet<string> Permissions { get; } = permissions;
    /// <summary>The region of a regional role, or of a director's centre.</summary>
    public int? RegionId { get; } = regionId;
    public int? CentreId { get; } = centreId;
    /// <summary>The partner organisations of a PartnerViewer; their conventions are the rows they may read.</summary>
    public IReadOnlySet<int> PartnerIds { get; } = partnerIds;

    public bool Has(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        // Asked on every page (navigation, widgets, views): split only an any-of name.
        return Permissions.Contains(permission)
            || (permission.Contains(Infrastructure.Auth.Permissions.AnyOf, StringComparison.Ordinal)
                && permission.Split(Infrastructure.Auth.Permissions.AnyOf).Any(Permissions.Contains));
    }
    public bool IsNational => Kind is ScopeKind.National or ScopeKind.System;

    public bool FilterAll => IsNational;
    public int FilterRegionId => Kind == ScopeKind.Region ? RegionId ?? -1 : -1;
    public int FilterCentreId => Kind == ScopeKind.Centre ? CentreId ?? -1 : -1;
    /// <summary>A director works with the host professionals of their centre's region.</summary>
    public int FilterCentreRegionId => Kind == ScopeKind.Centre ? RegionId ?? -1 : -1;

    /// <summary>
    /// Conventions covering this region are in a regional role's row scope: a regional manager
    /// reads them, and a social worker attributes the region's aid and activities to them (the
    /// convention pages themselves still need a conventions permission).
    /// </summary>
    public int FilterConventionRegionId => Kind == ScopeKind.Region ? RegionId ?? -1 : -1;
    /// <summary>The partner organisations whose conventions a PartnerViewer reads; none for anyone else.</summary>
    public int[] FilterPartnerIds => Kind == ScopeKind.Partner && Has(Infrastructure.Auth.Permissions.ConventionsReadAggregates) ? [.. PartnerIds] : [];

    /// <summary>May this person see records of this region at all (national roles, or their own region)?</summary>
    public bool CoversRegion(int regionId) => IsNational || (Kind == ScopeKind.Region && RegionId == regionId);

    /// <summary>The user's home region (a regional role's, or a director's centre's), or any for national roles.</summary>
    public bool IsHomeRegion(int regionId) => IsNational || (Kind is ScopeKind.Region or ScopeKind.Centre && RegionId == regionId);

    /// <summary>Migrant files, case work: the writer's own region, or anywhere for a national writer.</summary>
    public bool MayWriteInRegion(int regionId) => Has(Infrastructure.Auth.Permissions.MigrantsWrite) && CoversRegion(regionId);

    /// <summary>Training records of a centre: its director, the region's staff, or a national manager of enrolments.</summary>
    public bool MayWorkAtCentre(int centreId, int centreRegionId) =>
        IsNational || (Kind == ScopeKind.Centre && CentreId == centreId) || (Kind == ScopeKind.Region && RegionId == centreRegionId);
}
