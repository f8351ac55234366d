namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>
/// Holds a signed-in user on the page they must go through first: a new password after a
/// reset, or setting up the authenticator app for roles that require two-factor sign-in.
/// </summary>
public sealed class AccountRequirementsMiddleware(RequestDelegate next)
{
    private static readonly string[] AlwaysAllowed = ["/Account/Logout", "/Language", "/Error", "/health", "/lib", "/css", "/js", "/favicon.ico"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !AlwaysAllowed.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            string? required = user.HasClaim(c => c.Type == AppClaimTypes.MustChangePassword) ? "/Account/ChangePassword"
                : user.HasClaim(c => c.Type == AppClaimTypes.MustSetUpTwoFactor) ? "/Account/Authenticator"
                : null;
            if (required is not null && !context.Request.Path.StartsWithSegments(required))
            {
                context.Response.Redirect(required);
                return Task.CompletedTask;
            }
        }
        return next(context);
    }
}
