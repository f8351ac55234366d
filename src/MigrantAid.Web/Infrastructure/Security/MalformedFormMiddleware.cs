using Microsoft.AspNetCore.Http.Features;

namespace MigrantAid.Web.Infrastructure.Security;

/// <summary>
/// A posted form the framework cannot read (an encoded NUL, a value over the size limits) is
/// the client's error: 400 with the localized "request could not be processed" page, where the
/// framework would throw from whichever component reads the form first (a 500).
/// </summary>
public sealed class MalformedFormMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // The error page runs on this same request: it must find a form it can read.
                context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                // The error page says the form could not be read (not "the form expired").
                context.Items[ControlCharacterFilter.RefusedItem] = true;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next(context);
    }
}
