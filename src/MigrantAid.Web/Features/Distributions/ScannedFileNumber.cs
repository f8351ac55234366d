using System.Text;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>
/// What a USB or Bluetooth QR scanner types into the file-number field: the card's QR holds
/// the file number (RSK-2026-000123), the scanner "types" it as a keyboard and ends with Enter.
/// Scanners send US key codes; on a computer set to the French AZERTY layout, as most in the
/// agency's offices are, the digits come out as the characters of the unshifted top row
/// (&amp;é"'(-è_çà), the hyphen as ')' and A/Q, Z/W swapped. A typed number always holds digits,
/// so an entry without any digit that decodes to a file number is read as such.
/// </summary>
public static class ScannedFileNumber
{
    // AZERTY character → the US key the scanner meant.
    private static readonly Dictionary<char, char> Azerty = new()
    {
        ['&'] = '1', ['é'] = '2', ['É'] = '2', ['"'] = '3', ['\''] = '4', ['('] = '5', ['-'] = '6', ['è'] = '7', ['È'] = '7', ['_'] = '8',
        ['ç'] = '9', ['Ç'] = '9', ['à'] = '0', ['À'] = '0', [')'] = '-', ['A'] = 'Q', ['Q'] = 'A', ['Z'] = 'W', ['W'] = 'Z', ['?'] = 'M',
    };

    /// <summary>The file numbers the entry may stand for, most likely first (upper case, without spaces or control characters).</summary>
    public static IReadOnlyList<string> Candidates(string? entry)
    {
        var clean = new string((entry ?? "").Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        if (clean.Length == 0)
        {
            return [];
        }
        var upper = clean.ToUpperInvariant();
        var list = new List<string> { upper };
        if (!clean.Any(char.IsAsciiDigit) && clean.Any(Azerty.ContainsKey))
        {
            var decoded = new StringBuilder(clean.Length);
            foreach (var c in upper)
            {
                decoded.Append(Azerty.TryGetValue(c, out var meant) ? meant : c);
            }
            list.Add(decoded.ToString());
        }
        return list.Where(c => c.Length <= Domain.Migrant.FileNumberMaxLength).Distinct(StringComparer.Ordinal).ToList();
    }
}
