using System.Globalization;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Tests.Features.Ux;

/// <summary>Dates as a Moroccan office writes them, and French elision in composed strings.</summary>
public sealed class DatesAndWordsTests
{
    private static readonly DateTime Sample = new(2026, 11, 29, 15, 5, 0);

    private static string Format(string culture, string format)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Cultures.Create(culture);
            return Sample.ToString(format, CultureInfo.CurrentCulture);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Theory]
    [InlineData("fr", "d", "29/11/2026")]
    [InlineData("ar", "d", "29/11/2026")]
    [InlineData("en", "d", "29/11/2026")]
    [InlineData("fr", "t", "15:05")]
    [InlineData("ar", "t", "15:05")]
    [InlineData("en", "t", "15:05")]
    [InlineData("fr", "g", "29/11/2026 15:05")]
    [InlineData("ar", "g", "29/11/2026 15:05")]
    [InlineData("en", "g", "29/11/2026 15:05")]
    [InlineData("ar", "MMMM yyyy", "نونبر 2026")]
    [InlineData("ar", "d MMMM yyyy", "29 نونبر 2026")]
    [InlineData("fr", "Y", "novembre 2026")]
    [InlineData("en", "Y", "November 2026")]
    public void Dates_follow_the_office_format_of_each_language(string culture, string format, string expected) =>
        Assert.Equal(expected, Format(culture, format).Replace('\u200F', ' ').Replace('\u200E', ' ').Trim());

    [Fact]
    public void Arabic_uses_the_moroccan_month_names_with_latin_digits()
    {
        var months = Cultures.Create("ar").DateTimeFormat.MonthNames.Take(12);
        Assert.Equal(["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"], months);
        Assert.Equal("1234,5", 1234.5m.ToString("0.0", Cultures.Create("ar")));
    }

    [Theory]
    [InlineData("Assiduité de {0}", "octobre 2026", "Assiduité d'octobre 2026")]
    [InlineData("Assiduité de {0}", "août 2026", "Assiduité d'août 2026")]
    [InlineData("Assiduité de {0}", "novembre 2026", "Assiduité de novembre 2026")]
    [InlineData("De {0} à {1}", "avril", "D'avril à {1}")]
    public void French_elides_de_before_a_vowel(string format, string argument, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Cultures.Create("fr");
            Assert.Equal(expected.Replace("{1}", "x", StringComparison.Ordinal),
                string.Format(CultureInfo.InvariantCulture, ElidingLocalizer.ElideFrench(format, [argument, "x"], CultureInfo.InvariantCulture), argument, "x"));
            CultureInfo.CurrentUICulture = Cultures.Create("en");
            Assert.Equal(format, ElidingLocalizer.ElideFrench(format, [argument, "x"], CultureInfo.InvariantCulture));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
