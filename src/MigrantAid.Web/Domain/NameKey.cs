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
        // Invisible characters (zero-width, bidi controls, soft hyphen, BOM) join, never separate:
        // "Ai\u200Bcha" is Aicha, so it cannot slip past the duplicate check or the search.
        if (IsInvisible(ch) || category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
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
            if (i >= 2 && c == w[i - 1] && c == w[i - 2])
            {
                // Three same letters in a row are no spelling of a name ("zzzz"): kept, so that
                // such a word matches no token instead of collapsing to one letter that matches many.
                sb.Append(mapped);
                continue;
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

    /// <summary>
    /// The distinct search tokens of a person's names, in both scripts: each word's phonetic
    /// key (found by a query in the same script) and its cross-script skeleton (see
    /// <see cref="Skeleton"/>), marked with the script it comes from, so that an Arabic query
    /// finds a name written only in Latin script and the reverse.
    /// </summary>
    public static IReadOnlyCollection<string> Tokens(params string?[] names)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in names.SelectMany(Words))
        {
            Add(tokens, Phonetic(word));
            foreach (var skeleton in Skeletons(word))
            {
                Add(tokens, (IsLatin(word) ? LatinSkeletonMark : ArabicSkeletonMark) + skeleton);
            }
        }
        return tokens;

        static void Add(HashSet<string> tokens, string t)
        {
            if (t.Length > 0 && t is not [LatinSkeletonMark or ArabicSkeletonMark])
            {
                tokens.Add(t.Length > MigrantNameToken.TokenMaxLength ? t[..MigrantNameToken.TokenMaxLength] : t);
            }
        }
    }

    /// <summary>
    /// Version of the keys and tokens above: raised whenever their rules change, so that the
    /// start-up rebuilds the stored keys of existing files once (SearchKeyRebuild).
    /// 2: cross-script skeletons, invisible characters dropped, triple letters kept.
    /// 3: the cross-script duplicate keys of the names (SkeletonKey).
    /// </summary>
    public const int Version = 3;

    /// <summary>
    /// The cross-script duplicate key of a whole name (family and given name): each word's
    /// consonant skeleton (see <see cref="Skeleton"/>; an Arabic article dropped), marked with
    /// the script it is written in ('^' Latin, '~' Arabic). A name written in the other script
    /// is looked up by <see cref="OtherScript"/>: "Traoré Mohamed" is "^trr|mhmd", and
    /// تراوري محمد "~trr|mhmd". Null when a part has no consonant to compare.
    /// </summary>
    public static string? SkeletonKey(string? family, string? given)
    {
        var f = Words(family);
        var g = Words(given);
        if (f.Count == 0 || g.Count == 0)
        {
            return null;
        }
        var fs = string.Join(' ', f.Select(WordSkeleton).Where(w => w.Length > 0));
        var gs = string.Join(' ', g.Select(WordSkeleton).Where(w => w.Length > 0));
        if (fs.Length == 0 || gs.Length == 0)
        {
            return null;
        }
        var key = (IsLatin(f[0]) ? LatinSkeletonMark : ArabicSkeletonMark) + fs + "|" + gs;
        return key.Length > 200 ? key[..200] : key;

        static string WordSkeleton(string w) =>
            Skeleton(w.Length > 4 && w.StartsWith("ال", StringComparison.Ordinal) ? w[2..] : w);
    }

    /// <summary>The same skeleton key as written in the other script (the key a cross-script duplicate has).</summary>
    public static string? OtherScript(string? skeletonKey) => skeletonKey switch
    {
        [LatinSkeletonMark, .. var rest] => ArabicSkeletonMark + rest,
        [ArabicSkeletonMark, .. var rest] => LatinSkeletonMark + rest,
        _ => null,
    };

    /// <summary>Marks a skeleton token of a Latin-script word (looked up by Arabic queries).</summary>
    public const char LatinSkeletonMark = '^';
    /// <summary>Marks a skeleton token of an Arabic-script word (looked up by Latin queries).</summary>
    public const char ArabicSkeletonMark = '~';

    /// <summary>Skeletons this short (one or two consonants) are matched whole, not as a prefix: "x" (Aïcha) would match every Ch- name.</summary>
    public const int ShortSkeletonLength = 2;

    /// <summary>
    /// How one typed word is looked up: its phonetic key as a prefix of same-script tokens,
    /// and its skeleton among the other script's tokens (as a prefix, or whole when short).
    /// </summary>
    public sealed record QueryWord(string Phonetic, string? CrossScript, bool CrossScriptExact);

    /// <summary>The lookups of one folded query word (see <see cref="QueryWord"/>).</summary>
    public static QueryWord Query(string foldedWord)
    {
        var phonetic = Phonetic(foldedWord);
        var skeleton = Skeleton(foldedWord);
        if (skeleton.Length == 0)
        {
            return new QueryWord(phonetic, null, false);
        }
        var mark = IsLatin(foldedWord) ? ArabicSkeletonMark : LatinSkeletonMark;
        return new QueryWord(phonetic, mark + skeleton, skeleton.Length <= ShortSkeletonLength);
    }

    /// <summary>
    /// The consonant skeleton of a folded word, the same for a name in Latin or Arabic script:
    /// vowels, w/y, و/ي/ا and ع dropped; consonants that the two scripts write differently
    /// merged into one class (ت/ط = t, س/ص/ز/ث/z = s, ش/ch/sh = x, ك/ق/خ/c/q/kh = k,
    /// ج/غ/g/dj = j, د/ض/ذ/ظ = d, ح/ه = h, ب/p = b, ف/v/ph = f); a final h (ta marbuta,
    /// Fatimah) dropped; doubled letters single. محمد and Mohamed/Muhammad are both "mhmd",
    /// تراوري and Traoré "trr", عائشة and Aïcha "x". Like <see cref="Phonetic"/> it looks
    /// backwards (but for a following h), so a typed prefix gives a prefix of the skeleton.
    /// </summary>
    public static string Skeleton(string foldedWord)
    {
        var sb = new StringBuilder(foldedWord.Length);
        var adjacent = false; // the previous letter was a consonant written next to this one
        for (var i = 0; i < foldedWord.Length; i++)
        {
            var c = foldedWord[i];
            var next = i + 1 < foldedWord.Length ? foldedWord[i + 1] : '\0';
            char mapped;
            switch (c)
            {
                case 'c' when next == 'h':
                case 's' when next == 'h':
                    mapped = 'x';
                    i++;
                    break;
                case 'c':
                    mapped = next is 'e' or 'i' or 'y' ? 's' : 'k';
                    break;
                case 'p' when next == 'h':
                    mapped = 'f';
                    i++;
                    break;
                case 'd' when next == 'j':
                    mapped = 'j';
                    i++;
                    break;
                case 'h' or 'ه' or 'ح':
                    // After a consonant a Latin h only marks a digraph (kh, gh, th, dh); at the end
                    // of a word (before vowels only) it is silent or a ta marbuta.
                    if ((c == 'h' && adjacent) || OnlyVowelsFrom(foldedWord, i + 1))
                    {
                        continue;
                    }
                    mapped = 'h';
                    break;
                case 'x':
                    Emit('k');
                    mapped = 's';
                    break;
                default:
                    mapped = SkeletonClass(c);
                    break;
            }
            if (mapped == '\0')
            {
                adjacent = false;
                continue;
            }
            if (i >= 2 && c == foldedWord[i - 1] && c == foldedWord[i - 2])
            {
                sb.Append(mapped); // "zzzz" is no name (see Phonetic)
                adjacent = true;
                continue;
            }
            Emit(mapped);
        }
        return sb.ToString();

        void Emit(char m)
        {
            if (!(adjacent && sb.Length > 0 && sb[^1] == m))
            {
                sb.Append(m);
            }
            adjacent = true;
        }
    }

    /// <summary>The skeletons of a word: an Arabic word with the article (الحسن) also without it (Hassan).</summary>
    private static IEnumerable<string> Skeletons(string foldedWord)
    {
        yield return Skeleton(foldedWord);
        if (foldedWord.Length > 4 && foldedWord.StartsWith("ال", StringComparison.Ordinal))
        {
            yield return Skeleton(foldedWord[2..]);
        }
    }

    private static bool OnlyVowelsFrom(string word, int start)
    {
        for (var i = start; i < word.Length; i++)
        {
            if (SkeletonClass(word[i]) != '\0' || word[i] is 'h' or 'ه' or 'ح')
            {
                return false;
            }
        }
        return true;
    }

    private static char SkeletonClass(char c) => c switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w' or 'ا' or 'و' or 'ي' or 'ع' or 'ء' or 'ی' => '\0',
        'b' or 'p' or 'ب' or 'پ' => 'b',
        't' or 'ت' or 'ط' => 't',
        's' or 'z' or 'س' or 'ص' or 'ز' or 'ث' => 's',
        'ش' => 'x',
        'k' or 'q' or 'ك' or 'ق' or 'خ' or 'ک' => 'k',
        'g' or 'j' or 'ج' or 'غ' or 'گ' => 'j',
        'd' or 'د' or 'ض' or 'ذ' or 'ظ' => 'd',
        'f' or 'v' or 'ف' or 'ڤ' => 'f',
        'r' or 'ر' => 'r',
        'l' or 'ل' => 'l',
        'm' or 'م' => 'm',
        'n' or 'ن' => 'n',
        _ when char.IsAsciiDigit(c) => c,
        _ when c < 0x0250 => c,
        _ => '\0',
    };

    /// <summary>
    /// Invisible formatting characters: zero-width space/joiner/non-joiner, bidi marks,
    /// embeddings, overrides and isolates, soft hyphen, word joiner, byte-order mark.
    /// </summary>
    public static bool IsInvisible(char c) =>
        c is '\u00AD' or '\u034F' or '\u061C' or '\u180E' or '\uFEFF'
            or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u206F')
            or (>= '\uFE00' and <= '\uFE0F');

    /// <summary>A name without its invisible characters (see <see cref="IsInvisible"/>), as it is stored; null stays null.</summary>
    public static string? RemoveInvisible(string? text)
    {
        if (text is null || !text.Any(IsInvisible))
        {
            return text;
        }
        return string.Concat(text.Where(c => !IsInvisible(c)));
    }

    /// <summary>
    /// The exclusive upper bound of a prefix range: every token starting with the prefix is
    /// &gt;= prefix and &lt; this value (ordinal), so the search is an index range scan.
    /// Correct only where the column compares by code point: SQLite's BINARY collation, and on
    /// SQL Server the key columns' binary collation (<c>SqlServerAppDbContext.KeyCollation</c>);
    /// under a linguistic collation ("…9" → "…:", "…z" → "…{", "…-" → "….") it sorts below the
    /// values it must include.
    /// </summary>
    public static string PrefixUpperBound(string prefix) =>
        prefix[..^1] + (char)(prefix[^1] + 1);
}
