using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MigrantAid.Web.Infrastructure.Security;

/// <summary>
/// Runs after MVC's validation-summary tag helper and keeps inline styles off the page: MVC
/// writes an empty summary, or one whose errors are all on fields, with a hidden
/// <c>&lt;li style="display:none"&gt;</c>, which the Content-Security-Policy (no inline style)
/// refuses and reports. An empty summary is dropped; a hidden item is left out.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryTagHelper : TagHelper
{
    private const string HiddenItem = "<li style=\"display:none\"></li>";

    // MVC's own helper has Order -1000: this one sees what it wrote.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.TagName is null)
        {
            return;
        }
        var content = output.PostContent.GetContent().Replace(HiddenItem, "", StringComparison.Ordinal);
        if (!content.Contains("<li", StringComparison.Ordinal))
        {
            output.SuppressOutput();
            return;
        }
        output.PostContent.SetHtmlContent(content);
    }
}
