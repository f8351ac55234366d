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
            // The month names of Moroccan administration (يوليوز, غشت, شتنبر...), not the Levantine
            // or Egyptian ones of the neutral Arabic culture; day first, 24-hour clock, like French.
            string[] months = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر", ""];
            culture.DateTimeFormat.MonthNames = months;
            culture.DateTimeFormat.MonthGenitiveNames = months;
            culture.DateTimeFormat.AbbreviatedMonthNames = months;
            culture.DateTimeFormat.AbbreviatedMonthGenitiveNames = months;
            OfficeDates(culture.DateTimeFormat);
            // Moroccan Arabic figures: decimal comma, as in French, not the Arabic decimal sign.
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.NumberFormat.NumberGroupSeparator = ".";
            culture.NumberFormat.PercentDecimalSeparator = ",";
            culture.NumberFormat.PercentGroupSeparator = ".";
            culture.NumberFormat.NegativeSign = "-";
            culture.NumberFormat.PercentSymbol = "%";
        }
        else if (name == French)
        {
            OfficeDates(culture.DateTimeFormat);
        }
        else if (name == English)
        {
            // British English (29/11/2026, 24-hour clock), not the US defaults of neutral English;
            // the culture keeps its name so ?culture=en and the remembered cookie still match.
            var british = CultureInfo.GetCultureInfo("en-GB").DateTimeFormat;
            culture.DateTimeFormat.ShortDatePattern = british.ShortDatePattern;
            culture.DateTimeFormat.LongDatePattern = british.LongDatePattern;
            culture.DateTimeFormat.MonthDayPattern = british.MonthDayPattern;
            culture.DateTimeFormat.FullDateTimePattern = british.FullDateTimePattern;
            culture.DateTimeFormat.FirstDayOfWeek = DayOfWeek.Monday;
            OfficeDates(culture.DateTimeFormat);
        }
        return culture;
    }

    /// <summary>dd/MM/yyyy and a 24-hour clock, as the agency writes dates in every language.</summary>
    private static void OfficeDates(DateTimeFormatInfo format)
    {
        format.ShortDatePattern = "dd/MM/yyyy";
        format.ShortTimePattern = "HH:mm";
        format.LongTimePattern = "HH:mm:ss";
        format.DateSeparator = "/";
        format.TimeSeparator = ":";
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
