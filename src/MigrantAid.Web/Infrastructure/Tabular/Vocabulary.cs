using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Infrastructure.Tabular;

/// <summary>
/// The words an office may write in a cell for one value: its code, its label in each of the
/// three languages as the UI shows it, and common abbreviations. Matching ignores case,
/// accents, Arabic hamza forms, "(e)" and punctuation, so "regularise", "Régularisé(e)" and
/// "تمت تسوية وضعيته" all find the same value.
/// </summary>
public sealed class Vocabulary<T> where T : notnull
{
    private readonly Dictionary<string, T> byWord = new(StringComparer.Ordinal);
    private readonly List<string> shown = [];

    /// <summary>Adds the words of one value; the first is the one shown in messages (in the user's language).</summary>
    public Vocabulary<T> Add(T value, string shownAs, params IEnumerable<string?> words)
    {
        shown.Add(shownAs);
        foreach (var w in words.Prepend(shownAs))
        {
            if (w is not null && Fold(w) is { Length: > 0 } key)
            {
                byWord.TryAdd(key, value);
            }
        }
        return this;
    }

    public bool TryGet(string? word, out T value)
    {
        value = default!;
        return word is not null && byWord.TryGetValue(Fold(word), out value!);
    }

    /// <summary>The accepted values as a list for a message, in the user's language.</summary>
    public string Accepted => string.Join(", ", shown.Select(s => $"« {s} »"));

    public IReadOnlyList<string> Shown => shown;

    private static string Fold(string s) => Vocabularies.Fold(s);
}

/// <summary>Builders of the vocabularies every import shares.</summary>
public static class Vocabularies
{
    /// <summary>The comparison form of a cell: lower case, no accents or hamza, letters and digits only.</summary>
    public static string Fold(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = s.Replace("(e)", "", StringComparison.OrdinalIgnoreCase).Replace("(s)", "", StringComparison.OrdinalIgnoreCase)
            .Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c switch
                {
                    'ى' => 'ي',
                    'ة' => 'ه',
                    _ => char.ToLowerInvariant(c),
                });
            }
        }
        return sb.ToString();
    }

    /// <summary>The resource's text in each language, the user's first.</summary>
    public static List<string> InAllLanguages(IStringLocalizer l, string key)
    {
        ArgumentNullException.ThrowIfNull(l);
        var current = CultureInfo.CurrentUICulture;
        var texts = new List<string> { l[key].Value };
        try
        {
            foreach (var language in Cultures.Supported)
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
                texts.Add(l[key].Value);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = current;
        }
        return texts.Distinct().ToList();
    }

    /// <summary>An enum's values by their code and their UI label ("{prefix}.{Value}") in the three languages.</summary>
    public static Vocabulary<TEnum> ForEnum<TEnum>(IStringLocalizer l, string prefix, Func<TEnum, IEnumerable<string>>? extra = null, Func<TEnum, bool>? include = null)
        where TEnum : struct, Enum
    {
        var vocabulary = new Vocabulary<TEnum>();
        foreach (var value in Enum.GetValues<TEnum>().Where(v => include?.Invoke(v) ?? true))
        {
            var labels = InAllLanguages(l, $"{prefix}.{value}");
            vocabulary.Add(value, labels[0], labels.Skip(1).Append(value.ToString()).Concat(extra?.Invoke(value) ?? []));
        }
        return vocabulary;
    }

    /// <summary>Yes and no as French, Arabic and English offices write them.</summary>
    public static Vocabulary<bool> YesNo(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new Vocabulary<bool>()
            .Add(true, l["Import.Yes"], ["oui", "o", "yes", "y", "true", "vrai", "1", "x", "نعم"])
            .Add(false, l["Import.No"], ["non", "n", "no", "false", "faux", "0", "لا"]);
    }

    private static readonly string[] DateFormats =
        ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "yyyy/MM/dd", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>A date as dd/MM/yyyy (as French, Arabic and British offices write it) or ISO yyyy-MM-dd.</summary>
    public static bool TryParseDate(string? s, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            return false;
        }
        if (DateTime.TryParseExact(s.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = DateOnly.FromDateTime(d);
            return true;
        }
        return false;
    }
}
