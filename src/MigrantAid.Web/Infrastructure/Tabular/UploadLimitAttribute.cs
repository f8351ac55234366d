using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MigrantAid.Web.Infrastructure.Tabular;

/// <summary>
/// An upload over the size limit gets the form again with a clear message, not a 413 or 500:
/// the request's declared length is checked, and the form read (where Kestrel or the form
/// reader would throw), before the antiforgery check reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadLimitAttribute(long maxFileBytes, string redirectTo) : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    private const long FormOverhead = 64 * 1024;

    // After the authorization policy (order 0), before the antiforgery filter (order 1000), which reads the form.
    public int Order => 500;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var limit = maxFileBytes + FormOverhead;
        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        if (request.ContentLength > limit)
        {
            context.Result = new RedirectResult(redirectTo);
            return;
        }
        try
        {
            await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            context.Result = new RedirectResult(redirectTo);
        }
    }
}
