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
        return View("Error", Response.StatusCode);
    }
}
