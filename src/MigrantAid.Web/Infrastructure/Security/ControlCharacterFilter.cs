using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MigrantAid.Web.Infrastructure.Security;

/// <summary>
/// Refuses, with 400 and the localized "request could not be processed" page, a form or query
/// value carrying a NUL or another control character no keyboard types (tab and line breaks are
/// text). Such a value is never a person's input; let through, it would be stored invisibly or
/// fail deeper down (SQLite, a header, an export) with a 500.
/// </summary>
public sealed class ControlCharacterFilter : IAsyncResourceFilter
{
    /// <summary>Set on the request this filter refused, for the error page.</summary>
    public const string RefusedItem = "MigrantAid.ControlCharacterRefused";

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Query.Any(q => HasControl(q.Key) || q.Value.Any(HasControl))
            || (request.HasFormContentType && (await request.ReadFormAsync(context.HttpContext.RequestAborted)) is { } form
                && form.Any(f => HasControl(f.Key) || f.Value.Any(HasControl))))
        {
            // The error page says why (not "the form expired", the usual cause of a 400).
            context.HttpContext.Items[RefusedItem] = true;
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }
        await next();
    }

    public static bool HasControl(string? value) =>
        value is not null && value.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0 && value.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'));
}
