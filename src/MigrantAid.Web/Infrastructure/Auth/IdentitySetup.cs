using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auditing;

namespace MigrantAid.Web.Infrastructure.Auth;

public static class IdentitySetup
{
    /// <summary>Roles that must sign in with a second factor: decided in <see cref="AccessModel.TwoFactorRoles"/>.</summary>
    public static IReadOnlyList<string> TwoFactorRoles => AccessModel.TwoFactorRoles;

    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // OWASP ASVS 2.1: length over composition rules, and no common password.
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();

        // A deactivated user's or a reset password's other sessions end within a minute even
        // without the session store (the security stamp is checked every minute).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<SessionStore>();
        services.AddSingleton<UnknownAddressLockout>();
        services.AddScoped<PasswordSignIn>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionStore>((o, store) => o.SessionStore = store);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "MigrantAid.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionStore.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.Events.OnRedirectToAccessDenied = RefuseAsync;
            // Identity's security-stamp check runs on every request, but it first builds its
            // validator — a SignInManager, a UserManager, their stores and a database context —
            // only to find that the stamp is not due (issue 13: a share of the app's own cost on
            // every page). The same rule is asked first here; the check itself is unchanged.
            var validateStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = context => SecurityStampDue(context) ? validateStamp(context) : Task.CompletedTask;
        });
        return services;
    }

    /// <summary>
    /// Identity's own rule (SecurityStampValidator): validate when the cookie has no issue time
    /// or was issued more than <see cref="SecurityStampValidatorOptions.ValidationInterval"/>
    /// ago, on the options' clock (Identity fills it from the app's <see cref="TimeProvider"/>).
    /// </summary>
    internal static bool SecurityStampDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var issued = context.Properties.IssuedUtc;
        return issued is null || (options.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued.Value > options.ValidationInterval;
    }

    /// <summary>A refused request answers 403 with the error page (not a redirect), logged and audited.</summary>
    private static async Task RefuseAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MigrantAid.Authorization");
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        logger.LogWarning("Access refused to {Path} for user {UserId}", http.Request.Path.Value, userId);
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        db.AuditEntries.Add(http.RequestServices.GetRequiredService<AuditTrail>()
            .Event(AuditAction.AccessDenied, "Endpoint", $"{http.Request.Method} {http.Request.Path.Value}"));
        await db.SaveChangesAsync();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
