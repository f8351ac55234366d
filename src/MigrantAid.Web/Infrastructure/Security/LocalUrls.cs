using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace MigrantAid.Web.Infrastructure.Security;

/// <summary>
/// Where to go back after signing in: a local address only, and written so it can travel in a
/// Location header (a header carries ASCII only: an "é" or a control character typed into the
/// address would otherwise fail the response with a 500).
/// </summary>
public static class LocalUrls
{
    public static string ForRedirect(IUrlHelper url, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl))
        {
            return "/";
        }
        var safe = new StringBuilder(returnUrl.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F)
            {
                safe.Append((char)rune.Value);
            }
            else
            {
                var n = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..n])
                {
                    safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        var result = safe.ToString();
        // Encoding must not turn it into another site's address ("/%09/evil" stays local, "//" never appears).
        return url.IsLocalUrl(result) ? result : "/";
    }
}
