using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MigrantAid.Web.Infrastructure.Localization;

/// <summary>
/// A left-to-right value (phone, document number, file number, e-mail) inside text of either
/// direction: <c>&lt;ltr-value&gt;@Model.Phone&lt;/ltr-value&gt;</c> renders
/// <c>&lt;bdi dir="ltr" class="ltr-value"&gt;</c>, isolated so "+212 6…" keeps its order in
/// Arabic, and inline so it stays on its label's line (a <c>dir</c> on the <c>dd</c> itself
/// brought the browser's start margin back and pushed the value below its label).
/// An empty value shows a dash.
/// </summary>
[HtmlTargetElement("ltr-value")]
public sealed class LtrValueTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = "bdi";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("dir", "ltr");
        var css = output.Attributes.TryGetAttribute("class", out var existing) ? existing.Value + " ltr-value" : "ltr-value";
        output.Attributes.SetAttribute("class", css);
        var content = await output.GetChildContentAsync();
        if (content.IsEmptyOrWhiteSpace)
        {
            output.Content.SetContent("—");
        }
    }
}
