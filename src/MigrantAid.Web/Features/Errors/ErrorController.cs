using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using MigrantAid.Web.Infrastructure.Resilience;

namespace MigrantAid.Web.Features.Errors;

/// <summary>Friendly, localized error pages; never a stack trace.</summary>
[AllowAnonymous, Route("Error")]
public sealed class ErrorController : Controller
{
    /// <summary>The status of a page that failed because the database could not be used (locked, full, gone).</summary>
    public const int DatabaseUnavailable = 503;

    [Route("{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show([FromRoute] int code, [FromServices] DatabaseFaults faults)
    {
        // A database fault says so, and that nothing was saved (each save is one transaction).
        if (DatabaseFaults.Kind(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error) is { } kind)
        {
            faults.Record(kind);
            Response.StatusCode = DatabaseUnavailable;
            Response.Headers.RetryAfter = "10";
            return View("Error", DatabaseUnavailable);
        }
        Response.StatusCode = code is >= 400 and < 600 ? code : 500;
        // A 400 is nearly always a form sent twice or after its token expired: offer the way
        // back to the page the form was on: the referring page of this site, else the form's own address.
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        var referrer = Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var r)
            && string.Equals(r.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase) ? r.PathAndQuery : null;
        var back = referrer ?? (original?.OriginalPath is { Length: > 0 } path ? path + original.OriginalQueryString : null);
        ViewData["ControlCharacters"] = Response.StatusCode == 400 && (HttpContext.Items.ContainsKey(Infrastructure.Security.ControlCharacterFilter.RefusedItem)
            || Request.Query.Any(q => Infrastructure.Security.ControlCharacterFilter.HasControl(q.Key) || q.Value.Any(Infrastructure.Security.ControlCharacterFilter.HasControl))
            || (Request.HasFormContentType && Request.Form.Any(f => f.Value.Any(Infrastructure.Security.ControlCharacterFilter.HasControl))));
        ViewData["BackUrl"] = back is not null && Url.IsLocalUrl(back) && !back.StartsWith("/Error", StringComparison.OrdinalIgnoreCase) ? back : null;
        return View("Error", Response.StatusCode);
    }
}
