using System.Globalization;
using System.Text;

namespace MigrantAid.Web.Domain;

/// <summary>
/// Search keys for personal names, so a file is found again whatever the spelling: case,
/// Latin diacritics and Arabic tashkeel/alef/ya/ta-marbuta forms are folded, and Latin
/// transliteration variants (Mohamed/Mohammed/Muhammad, Diallo/Dialo, Aïssatou/Aissatu)
/// share one phonetic key. Keys are computed in .NET and stored in indexed columns: the
/// database never lower-cases or scans.
/// </summary>
public static class NameKey
{
    /// <summary>Case, accents and Arabic letter forms folded; words kept, separated by one space.</summary>
    public static string Fold(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var folded = FoldChar(ch);
            if (folded == '\0')
            {
                continue;
            }
            if (folded == ' ')
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
                continue;
            }
            sb.Append(folded);
        }
        return sb.ToString().Trim();
    }

    private static char FoldChar(char ch)
    {
        switch (ch)
        {
            // Arabic letter forms written interchangeably.
            case 'أ' or 'إ' or 'آ' or 'ٱ': return 'ا';
            case 'ى' or 'ئ': return 'ي';
            case 'ة': return 'ه';
            case 'ؤ': return 'و';
            case 'ـ': return '\0'; // tatweel
            case 'ß': return 's';
            case 'ø': return 'o';
            case 'æ': return 'a';
            case 'œ': return 'o';
        }
        // Arabic tashkeel (harakat, shadda, sukun, superscript alef) and Latin combining accents.
        if (ch is >= '\u064B' and <= '\u065F' or '\u0670')
        {
            return '\0';
        }
        var category = CharUnicodeInfo.GetUnicodeCategory(ch);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            return '\0';
        }
        if (char.IsLetterOrDigit(ch))
        {
            return char.ToLowerInvariant(ch);
        }
        // Hyphens, apostrophes, dots and spaces separate words (Abd-el-Kader, N'Diaye).
        return ch == '\'' || ch == '’' ? '\0' : ' ';
    }

    /// <summary>The words of a name, folded.</summary>
    public static IReadOnlyList<string> Words(string? name) =>
        Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Phonetic key of one folded word. Latin: ou before a vowel → w, ph → f, dj → j,
    /// q/ck → k, x → ks, h after a consonant or at the end dropped, every vowel (and y) one
    /// class, doubled letters single. Arabic words keep their folded form. The rules look
    /// only backwards, so the key of a prefix is a prefix of the key of the word and prefix
    /// search works on keys.
    /// </summary>
    public static string Phonetic(string foldedWord)
    {
        if (foldedWord.Length == 0 || !IsLatin(foldedWord))
        {
            return foldedWord;
        }
        var w = foldedWord;
        var sb = new StringBuilder(w.Length);
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            var next = i + 1 < w.Length ? w[i + 1] : '\0';
            char mapped;
            if (c == 'o' && next == 'u')
            {
                // "ou": French for u, or w before a vowel (Ouattara = Wattara).
                var after = i + 2 < w.Length ? w[i + 2] : '\0';
                mapped = IsVowel(after) ? 'w' : 'a';
                i++;
            }
            else if (c == 'p' && next == 'h')
            {
                mapped = 'f';
                i++;
            }
            else if (c == 'd' && next == 'j')
            {
                mapped = 'j';
                i++;
            }
            else if (c == 'c' && next == 'k')
            {
                mapped = 'k';
                i++;
            }
            else if (c == 'h')
            {
                // Dropped after a consonant (kh, sh, th, dh, gh) and at the end (Fatimah = Fatima).
                var previous = sb.Length > 0 ? sb[^1] : '\0';
                if ((previous != '\0' && previous != 'a') || next == '\0')
                {
                    continue;
                }
                mapped = 'h';
            }
            else if (c == 'x')
            {
                Append(sb, 'k');
                mapped = 's';
            }
            else
            {
                mapped = c switch
                {
                    'q' => 'k',
                    'c' => 'k',
                    'z' => 's',
                    _ when IsVowel(c) => 'a',
                    _ => c,
                };
            }
            Append(sb, mapped);
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (sb.Length == 0 || sb[^1] != c)
        {
            sb.Append(c);
        }
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static bool IsLatin(string word) => word.All(c => c < 0x0250);

    /// <summary>Key of a whole name part (all its words) for the duplicate check.</summary>
    public static string Key(string? name) => string.Join(' ', Words(name).Select(Phonetic));

    /// <summary>The distinct search tokens of a person's names, in both scripts.</summary>
    public static IReadOnlyCollection<string> Tokens(params string?[] names) =>
        names.SelectMany(Words).Select(Phonetic).Where(t => t.Length > 0)
            .Select(t => t.Length > MigrantNameToken.TokenMaxLength ? t[..MigrantNameToken.TokenMaxLength] : t)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The exclusive upper bound of a prefix range: every token starting with the prefix is
    /// &gt;= prefix and &lt; this value (ordinal), so the search is an index range scan.
    /// </summary>
    public static string PrefixUpperBound(string prefix) =>
        prefix[..^1] + (char)(prefix[^1] + 1);
}
