using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Domain;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Aïssatou", "aissatou")]
    [InlineData("  DIALLO-Koné ", "diallo kone")]
    [InlineData("N'Diaye", "ndiaye")]
    [InlineData("Ngoné   Sèye", "ngone seye")]
    [InlineData("مُحَمَّد", "محمد")]
    [InlineData("أحمد", "احمد")]
    [InlineData("إبراهيم", "ابراهيم")]
    [InlineData("فاطمة", "فاطمه")]
    [InlineData("مصطفى", "مصطفي")]
    [InlineData("عبـــد", "عبد")]
    public void Fold_removes_case_accents_and_Arabic_letter_variants(string input, string expected) =>
        Assert.Equal(expected, NameKey.Fold(input));

    [Theory]
    [InlineData("Mohamed", "Mohammed")]
    [InlineData("Mohamed", "Muhammad")]
    [InlineData("Mohamed", "MOHAMMAD")]
    [InlineData("Diallo", "Dialo")]
    [InlineData("Aïssatou", "Aissatou")]
    [InlineData("Aïssatou", "Aissatu")]
    [InlineData("Ouattara", "Wattara")]
    [InlineData("Fatimah", "Fatima")]
    [InlineData("Khadija", "Kadidja")]
    [InlineData("Abdel", "Abdul")]
    [InlineData("Mamadou", "Mamadu")]
    [InlineData("Philippe", "Filipe")]
    public void Transliteration_variants_share_one_key(string a, string b) =>
        Assert.Equal(NameKey.Key(a), NameKey.Key(b));

    [Theory]
    [InlineData("Mohamed", "Mamadou")]
    [InlineData("Diallo", "Diop")]
    [InlineData("Aminata", "Awa")]
    [InlineData("Hassan", "Assane")]
    public void Different_names_keep_different_keys(string a, string b) =>
        Assert.NotEqual(NameKey.Key(a), NameKey.Key(b));

    [Theory]
    [InlineData("aiss", "Aïssatou")]
    [InlineData("dialo", "Diallo")]
    [InlineData("moh", "Mohammed")]
    [InlineData("muham", "Mohamed")]
    [InlineData("ابراه", "إبراهيم")]
    public void The_key_of_a_typed_prefix_is_a_prefix_of_the_names_key(string typed, string name) =>
        Assert.StartsWith(NameKey.Phonetic(NameKey.Fold(typed)), NameKey.Phonetic(NameKey.Fold(name)), StringComparison.Ordinal);

    [Fact]
    public void Tokens_cover_every_word_of_both_scripts_once()
    {
        var tokens = NameKey.Tokens("Diallo", "Aïssatou Binta", "ديالو", "عائشة");
        Assert.Equal(5, tokens.Count);
        Assert.Contains(NameKey.Phonetic("diallo"), tokens);
        Assert.Contains("ديالو", tokens);
        Assert.Contains("عايشه", tokens);
    }

    [Fact]
    public void The_prefix_upper_bound_sorts_after_every_word_with_the_prefix()
    {
        var upper = NameKey.PrefixUpperBound("dal");
        Assert.True(string.CompareOrdinal("dala", upper) < 0);
        Assert.True(string.CompareOrdinal("dalzzzz", upper) < 0);
        Assert.True(string.CompareOrdinal("dam", upper) >= 0);
    }
}
