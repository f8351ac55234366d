using Microsoft.AspNetCore.Localization;

namespace MigrantAid.Web.Infrastructure.Localization;

/// <summary>A page opened with <c>?culture=xx</c> remembers that language in the culture cookie.</summary>
public sealed class RememberCultureMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var requested = context.Request.Query["culture"].ToString();
        if (Cultures.Supported.Contains(requested))
        {
            CultureCookie.Write(context.Response, requested);
        }
        return next(context);
    }
}

public static class CultureCookie
{
    public static void Write(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = response.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
            });
}
