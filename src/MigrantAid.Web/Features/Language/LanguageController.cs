using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Language;

/// <summary>The language menu: remembers the choice in the culture cookie and returns to the page.</summary>
[AllowAnonymous]
public sealed class LanguageController : Controller
{
    [HttpPost]
    public IActionResult Set(string culture, string? returnUrl)
    {
        if (culture is not null && Cultures.Supported.Contains(culture))
        {
            CultureCookie.Write(Response, culture);
        }
        // Written for a Location header: a control or non-ASCII character in the address must not fail the response.
        return LocalRedirect(Infrastructure.Security.LocalUrls.ForRedirect(Url, returnUrl));
    }
}
