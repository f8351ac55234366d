using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace MigrantAid.Web.Infrastructure.Localization;

/// <summary>
/// The app's string localizer. French elides "de" before a vowel: a composed string such as
/// "Assiduité de {0}" must read "Assiduité d'octobre 2026", not "de octobre", whatever fills
/// the placeholder (a month, a name, a place). The rule is applied where a placeholder follows
/// "de", once the argument is known; other languages are left as written.
/// </summary>
public sealed partial class ElidingLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer inner = factory.Create(typeof(SharedResource));

    public LocalizedString this[string name] => inner[name];

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = inner[name];
            if (format.ResourceNotFound)
            {
                return inner[name, arguments];
            }
            var text = ElideFrench(format.Value, arguments, CultureInfo.CurrentCulture);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text, arguments), false, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    /// <summary>Rewrites "de {n}" as "d'{n}" when argument n starts with a vowel (French UI only).</summary>
    public static string ElideFrench(string format, object?[] arguments, CultureInfo culture)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != Cultures.French)
        {
            return format;
        }
        return DeBeforePlaceholder().Replace(format, m =>
        {
            var index = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var value = index < arguments.Length ? arguments[index] : null;
            var text = value is IFormattable f ? f.ToString(m.Groups["f"].Success ? m.Groups["f"].Value[1..] : null, culture) : value?.ToString();
            return StartsWithVowel(text) ? $"{m.Groups["d"].Value}'{m.Groups["p"].Value}" : m.Value;
        });
    }

    private static bool StartsWithVowel(string? text) =>
        !string.IsNullOrEmpty(text) && "aeiouàâäéèêëîïôöûüœAEIOUÀÂÄÉÈÊËÎÏÔÖÛÜŒ".Contains(text[0], StringComparison.Ordinal);

    [GeneratedRegex(@"\b(?<d>[Dd])e (?<p>\{(?<n>\d+)(?<f>:[^}]*)?\})")]
    private static partial Regex DeBeforePlaceholder();
}
