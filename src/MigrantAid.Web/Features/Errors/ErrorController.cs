using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MigrantAid.Web.Features.Errors;

/// <summary>Friendly, localized error pages; never a stack trace.</summary>
[AllowAnonymous, Route("Error")]
public sealed class ErrorController : Controller
{
    [Route("{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show([FromRoute] int code)
    {
        Response.StatusCode = code is >= 400 and < 600 ? code : 500;
        // A 400 is nearly always a form sent twice or after its token expired: offer the way
        // back to the page the form was on: the referring page of this site, else the form's own address.
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        var referrer = Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var r)
            && string.Equals(r.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase) ? r.PathAndQuery : null;
        var back = referrer ?? (original?.OriginalPath is { Length: > 0 } path ? path + original.OriginalQueryString : null);
        ViewData["BackUrl"] = back is not null && Url.IsLocalUrl(back) && !back.StartsWith("/Error", StringComparison.OrdinalIgnoreCase) ? back : null;
        return View("Error", Response.StatusCode);
    }
}
