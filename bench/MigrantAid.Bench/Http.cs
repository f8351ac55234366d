using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MigrantAid.Bench;

/// <summary>Signing in and submitting the form a page shows, as a browser would.</summary>
internal static partial class Http
{
    public const string Password = "MigrantAid-Demo-2026";

    /// <summary>Authenticator keys of the accounts whose role requires two-factor sign-in (set up by the bench).</summary>
    public static readonly Dictionary<string, string> AuthenticatorKeys = [];

    public static async Task SignInAsync(HttpClient client, string email)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed for {email}: {(int)response.StatusCode}");
        }
        if (response.Headers.Location?.OriginalString.Contains("/Account/TwoFactor", StringComparison.OrdinalIgnoreCase) == true)
        {
            var url = response.Headers.Location.OriginalString;
            var code = Totp(AuthenticatorKeys[email]);
            response = await SubmitAsync(client, url, "/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = code });
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"two-factor sign-in failed for {email}: {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>RFC 6238 code (SHA-1, 30 s, 6 digits) of a Base32 key, as an authenticator app computes it.</summary>
    public static string Totp(string base32Key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var key = new List<byte>();
        foreach (var c in base32Key.ToUpperInvariant().Where(ch => ch != '=' && ch != ' '))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                key.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
        // Authenticator apps (and ASP.NET Core Identity's token provider) use HMAC-SHA1 by the RFC.
#pragma warning disable CA5350
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key.ToArray(), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>GETs the page, takes the form whose action ends with <paramref name="action"/>, fills it and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string action, IReadOnlyDictionary<string, string> fields)
    {
        var (target, content) = await PrepareAsync(client, pageUrl, action, fields);
        return await client.PostAsync(target, content);
    }

    /// <summary>The filled form of the page, ready to post (so that a bench can time the POST alone).</summary>
    public static async Task<(string Target, FormUrlEncodedContent Content)> PrepareAsync(HttpClient client, string pageUrl, string action, IReadOnlyDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(pageUrl);
        var document = new HtmlParser().ParseDocument(html);
        var form = document.Forms.FirstOrDefault(f => (f.GetAttribute("action") ?? pageUrl).Split('?')[0].EndsWith(action, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"no form posting to {action} on {pageUrl}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    values.Add(new(select.Name!, selected?.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
            }
        }
        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        var target = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return (target, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
