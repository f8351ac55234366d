using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>A file a test chooses in a form's file input.</summary>
public sealed record UploadFile(string FileName, byte[] Content, string ContentType = "application/octet-stream");

/// <summary>
/// Submits the form a person sees, as a browser does: GET the page, parse it, pick the form,
/// take that form's own fields (hidden inputs, text, selected options, checked boxes,
/// textareas), its own action, method and antiforgery token, fill what the user fills and send
/// it. A form without its own <c>__RequestVerificationToken</c> fails the test: a token is never
/// borrowed from another form of the page (the language or sign-out form of the layout), which
/// once hid five forms that answered 400 to everyone.
/// </summary>
public static class HtmlForms
{
    public const string TokenName = "__RequestVerificationToken";
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// Submits a form of the page at <paramref name="pageUrl"/>. <paramref name="form"/> picks it:
    /// a path ("/Hosts/Create") matches the form's action, anything else is a CSS selector; by
    /// default, the form that posts back to the page's own path. Each field the test fills must
    /// exist in the form (a button's name presses that button).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl,
        IReadOnlyDictionary<string, string>? fields = null, string? form = null, IReadOnlyDictionary<string, UploadFile>? files = null) =>
        await (await client.GetFormAsync(pageUrl, form)).SubmitAsync(fields, files);

    /// <summary>
    /// The older call shape (page, fields, form's action), kept for tests written against it in
    /// parallel. It submits the form parsed from the page, with that form's own token, when the
    /// page offers that form with those fields; otherwise the request is one the page does not
    /// offer (a refusal test, or a field shown only after a warning), sent as the developer tools
    /// would: the user's own language form, its fields changed, pointed at the action. Tests
    /// should move to <see cref="SubmitFormAsync"/> / <see cref="SubmitRetargetedFormAsync"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IDictionary<string, string> fields, string? postUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetAsync(pageUrl);
        if (page.IsSuccessStatusCode)
        {
            var pageUri = page.RequestMessage!.RequestUri!;
            var document = Parser.ParseDocument(await page.Content.ReadAsStringAsync());
            var path = postUrl ?? pageUri.AbsolutePath;
            var offered = document.QuerySelectorAll<IHtmlFormElement>("form")
                .Where(f => ActionUri(f, pageUri).AbsolutePath == path && string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
                .Where(f => fields.Keys.All(k => f.Elements.Any(e => e.GetAttribute("name") == k)))
                .ToList();
            if (offered.Count == 1)
            {
                return await new WebForm(client, offered[0], pageUri).SubmitAsync(fields.AsReadOnly());
            }
        }
        var own = await client.GetFormAsync("/", "form[action$='/Language/Set']");
        return await own.SubmitTamperedToAsync(postUrl ?? pageUrl, fields.AsReadOnly());
    }

    /// <summary>Opens the page and keeps one of its forms, to submit later (a second tab, a stale form).</summary>
    public static async Task<WebForm> GetFormAsync(this HttpClient client, string pageUrl, string? form = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetAsync(pageUrl);
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl} answered {(int)page.StatusCode}, not a page with a form");
        return await client.FormOnAsync(page, form);
    }

    /// <summary>A form of a page the app has just answered (a preview after a POST, a page re-shown with errors).</summary>
    public static async Task<WebForm> FormOnAsync(this HttpClient client, HttpResponseMessage page, string? form = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var pageUri = page.RequestMessage!.RequestUri!;
        return new WebForm(client, PickForm(await page.Content.ReadAsStringAsync(), pageUri, form, pageUri.PathAndQuery), pageUri);
    }

    /// <summary>
    /// What an attacker does with the browser's developer tools: takes a form they may use
    /// (its own fields and its own token, for their own session) and points it at a record
    /// outside their scope. Only for scope tests that expect a refusal.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitRetargetedFormAsync(this HttpClient client, string pageUrl, string? form,
        string targetUrl, IReadOnlyDictionary<string, string>? fields = null) =>
        await (await client.GetFormAsync(pageUrl, form)).SubmitToAsync(targetUrl, fields);

    /// <summary>
    /// The own token of one form of the page (by CSS selector), for a test that must send
    /// several values under one name (a multi-select), which the dictionary of fields cannot.
    /// </summary>
    public static string OwnTokenOf(string html, string formSelector)
    {
        var form = Parser.ParseDocument(html).QuerySelectorAll(formSelector).OfType<IHtmlFormElement>().Single();
        Assert.True(HasOwnToken(form), $"the form {formSelector} has no antiforgery token of its own");
        return form.Elements.OfType<IHtmlInputElement>().First(i => i.Name == TokenName).Value;
    }

    /// <summary>The POST forms of a page that carry no antiforgery token of their own (described by action).</summary>
    public static IReadOnlyList<string> PostFormsWithoutToken(string html) =>
        Parser.ParseDocument(html).QuerySelectorAll<IHtmlFormElement>("form")
            .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            .Where(f => !HasOwnToken(f))
            .Select(f => f.GetAttribute("action") ?? "(no action)")
            .ToList();

    internal static bool HasOwnToken(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == TokenName && i.Type == "hidden" && !string.IsNullOrEmpty(i.Value));

    private static IHtmlFormElement PickForm(string html, Uri pageUri, string? form, string pageUrl)
    {
        var document = Parser.ParseDocument(html);
        var forms = document.QuerySelectorAll<IHtmlFormElement>("form").ToList();
        List<IHtmlFormElement> matches;
        if (form is null || form.StartsWith('/'))
        {
            var path = form ?? pageUri.AbsolutePath;
            matches = forms.Where(f => ActionUri(f, pageUri).AbsolutePath == path).ToList();
            // A page may have a GET form to the same address (a filter, a first step): submitting is posting.
            if (matches.Count > 1)
            {
                matches = matches.Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)).ToList();
            }
        }
        else
        {
            matches = document.QuerySelectorAll(form).OfType<IHtmlFormElement>().ToList();
        }
        Assert.True(matches.Count > 0, $"{pageUrl} has no form {form ?? "posting to " + pageUri.AbsolutePath}; its forms post to: "
            + string.Join(", ", forms.Select(f => f.GetAttribute("action") ?? "(no action)")));
        Assert.True(matches.Count == 1, $"{pageUrl} has {matches.Count} forms matching {form ?? pageUri.AbsolutePath}: pick one by a CSS selector");
        return matches[0];
    }

    internal static Uri ActionUri(IHtmlFormElement form, Uri pageUri)
    {
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? pageUri : new Uri(pageUri, action);
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, IHtmlFormElement form, Uri pageUri,
        IReadOnlyDictionary<string, string>? fields, IReadOnlyDictionary<string, UploadFile>? files, string? actionOverride, bool tampered = false)
    {
        var action = form.GetAttribute("action") ?? "(no action)";
        Assert.True(HasOwnToken(form), $"the form posting to {action} has no antiforgery token of its own: it answers 400 to a browser");
        var values = DataSet(form);
        var names = form.Elements.Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n)).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            Assert.False(name == TokenName, "a test never supplies the antiforgery token: the form carries its own");
            Assert.True(tampered || names.Contains(name), $"the form posting to {action} has no field '{name}' (fields: {string.Join(", ", names)})");
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        foreach (var name in (files ?? new Dictionary<string, UploadFile>()).Keys)
        {
            Assert.True(tampered || names.Contains(name), $"the form posting to {action} has no file field '{name}'");
        }

        var method = form.GetAttribute("method") ?? "get";
        Assert.True(string.Equals(method, "post", StringComparison.OrdinalIgnoreCase), $"the form posting to {action} is not a POST form");
        var target = actionOverride is null ? ActionUri(form, pageUri) : new Uri(pageUri, actionOverride);
        HttpContent content;
        if (string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in values)
            {
                multipart.Add(new StringContent(value), name);
            }
            foreach (var (name, file) in files ?? new Dictionary<string, UploadFile>())
            {
                var part = new ByteArrayContent(file.Content);
                part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                multipart.Add(part, name, file.FileName);
            }
            content = multipart;
        }
        else
        {
            Assert.True(files is null || files.Count == 0, $"the form posting to {action} does not send files (no multipart enctype)");
            content = new FormUrlEncodedContent(values);
        }
        return await client.PostAsync(target, content);
    }

    /// <summary>The form data set a browser builds before any change by the user (no submit button pressed).</summary>
    private static List<KeyValuePair<string, string>> DataSet(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "submit" or "button" or "reset" or "image" or "file")
                    {
                        break;
                    }
                    if (type is "checkbox" or "radio")
                    {
                        if (input.HasAttribute("checked"))
                        {
                            values.Add(new(name, input.GetAttribute("value") ?? "on"));
                        }
                        break;
                    }
                    values.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.Where(o => !o.HasAttribute("disabled")).ToList();
                    var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (selected.Count == 0 && !select.IsMultiple && options.Count > 0)
                    {
                        selected.Add(options[0]);
                    }
                    values.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement textarea:
                    values.Add(new(name, textarea.Value));
                    break;
                default:
                    break;
            }
        }
        return values;
    }
}

/// <summary>One form of a page a test has opened: submit it now or later, as often as a person would.</summary>
public sealed class WebForm(HttpClient client, IHtmlFormElement form, Uri pageUri)
{
    public IHtmlFormElement Element => form;

    public Task<HttpResponseMessage> SubmitAsync(IReadOnlyDictionary<string, string>? fields = null, IReadOnlyDictionary<string, UploadFile>? files = null) =>
        HtmlForms.SendAsync(client, form, pageUri, fields, files, actionOverride: null);

    /// <summary>
    /// The form as a person changes it in the browser's developer tools: fields may be added
    /// or hidden ones changed. Only for tests that expect the app to refuse it.
    /// </summary>
    public Task<HttpResponseMessage> SubmitTamperedAsync(IReadOnlyDictionary<string, string> fields) =>
        HtmlForms.SendAsync(client, form, pageUri, fields, files: null, actionOverride: null, tampered: true);

    /// <summary>
    /// A form the person may use, its fields changed and pointed at another record (the
    /// developer tools again), with the form's own token for their own session. Only for scope
    /// tests that expect a refusal.
    /// </summary>
    public Task<HttpResponseMessage> SubmitTamperedToAsync(string targetUrl, IReadOnlyDictionary<string, string> fields) =>
        HtmlForms.SendAsync(client, form, pageUri, fields, files: null, actionOverride: targetUrl, tampered: true);

    internal Task<HttpResponseMessage> SubmitToAsync(string targetUrl, IReadOnlyDictionary<string, string>? fields) =>
        HtmlForms.SendAsync(client, form, pageUri, fields, files: null, actionOverride: targetUrl);
}
