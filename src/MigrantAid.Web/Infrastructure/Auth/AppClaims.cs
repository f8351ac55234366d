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

/// <summary>The signed-in user and their scope, read from the claims of the request.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public string? Id => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? Email => Principal?.Identity?.Name;
    public string DisplayName => Principal?.FindFirstValue(AppClaimTypes.DisplayName) ?? Email ?? "";
    public int? RegionId => Read(AppClaimTypes.RegionId);
    public int? CentreId => Read(AppClaimTypes.CentreId);
    public int? PartnerId => Read(AppClaimTypes.PartnerId);
    public string? Role => Roles.All.FirstOrDefault(r => Principal?.IsInRole(r) == true);
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    private int? Read(string type) =>
        int.TryParse(Principal?.FindFirstValue(type), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
