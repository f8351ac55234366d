using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace MigrantAid.Web.Infrastructure.Localization;

/// <summary>French (default), Arabic (right-to-left) and English.</summary>
public static class Cultures
{
    public const string French = "fr";
    public const string Arabic = "ar";
    public const string English = "en";
    public static readonly IReadOnlyList<string> Supported = [French, Arabic, English];

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    public static CultureInfo Create(string name)
    {
        var culture = new CultureInfo(name);
        if (name == Arabic)
        {
            // Morocco writes Arabic dates on the Gregorian calendar with Western digits.
            culture.DateTimeFormat.Calendar = new GregorianCalendar();
            culture.NumberFormat.DigitSubstitution = DigitShapes.None;
        }
        return culture;
    }

    public static RequestLocalizationOptions Options()
    {
        var cultures = Supported.Select(Create).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(cultures[0]),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        // ?culture=ar first, then the remembered cookie; the browser's language is not used:
        // shared office computers should open in the agency's default, French.
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
        ];
        return options;
    }
}
