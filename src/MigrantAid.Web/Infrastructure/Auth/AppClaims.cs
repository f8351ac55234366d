using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Infrastructure.Auth;

public static class AppClaimTypes
{
    public const string RegionId = "migrantaid:region";
    public const string CentreId = "migrantaid:centre";
    public const string PartnerId = "migrantaid:partner";
    public const string DisplayName = "migrantaid:name";
    /// <summary>Present while the user must choose a new password (after a reset).</summary>
    public const string MustChangePassword = "migrantaid:mustchangepassword";
    /// <summary>Present while a role that requires two-factor sign-in has not set it up.</summary>
    public const string MustSetUpTwoFactor = "migrantaid:mustsetup2fa";
}

/// <summary>Puts the user's scope (region, centre, partner) into the sign-in cookie as claims.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AppClaimTypes.MustChangePassword, "true"));
        }
        if (!user.TwoFactorEnabled && (await UserManager.GetRolesAsync(user)).Intersect(IdentitySetup.TwoFactorRoles).Any())
        {
            identity.AddClaim(new Claim(AppClaimTypes.MustSetUpTwoFactor, "true"));
        }
        if (user.RegionId is { } region)
        {
            identity.AddClaim(new Claim(AppClaimTypes.RegionId, region.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (user.TrainingCentreId is { } centre)
        {
            identity.AddClaim(new Claim(AppClaimTypes.CentreId, centre.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (user.PartnerId is { } partner)
        {
            identity.AddClaim(new Claim(AppClaimTypes.PartnerId, partner.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}

/// <summary>
/// The signed-in user of this request and their <see cref="AccessScope"/>, built from the claims
/// once per request (again only if the principal changes, as it does when sign-in completes).
/// Deny by default: without a signed-in user the scope is empty; code outside a request opts
/// in to every row with <see cref="EnterSystemScope"/>, never silently.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? scopedFor;
    private AccessScope? scope;
    private string? systemReason;

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public string? Id => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? Email => Principal?.Identity?.Name;
    public string DisplayName => Principal?.FindFirstValue(AppClaimTypes.DisplayName) ?? Email ?? "";
    public int? RegionId => Scope.RegionId;
    public int? CentreId => Scope.CentreId;
    public int? PartnerId => Scope.PartnerIds.Count > 0 ? Scope.PartnerIds.Min() : null;
    /// <summary>The user's role name, for display only; never for a decision (ask <see cref="Has"/>).</summary>
    public string? RoleName => AccessModel.RolesOf(Principal) is [var first, ..] ? first : null;

    public bool Has(string permission) => Scope.Has(permission);

    public AccessScope Scope
    {
        get
        {
            if (systemReason is not null)
            {
                return AccessScope.System;
            }
            var principal = Principal;
            if (principal is null)
            {
                return AccessScope.Denied;
            }
            if (!ReferenceEquals(principal, scopedFor) || scope is null)
            {
                scope = AccessModel.ScopeFor(principal);
                scopedFor = principal;
            }
            return scope;
        }
    }

    /// <summary>
    /// Opts this DI scope (start-up seeding, a command-line verb, a background job, a test's
    /// arrangement) into every row. Refused inside an HTTP request. The reason is for readers:
    /// every call site is greppable ("EnterSystemScope") and listed by a test.
    /// </summary>
    public void EnterSystemScope(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (accessor.HttpContext is not null)
        {
            throw new InvalidOperationException("The system scope is for code outside a request.");
        }
        systemReason = reason;
    }
}
