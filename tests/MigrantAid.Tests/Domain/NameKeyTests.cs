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
        Assert.Contains(NameKey.Phonetic("diallo"), tokens);
        Assert.Contains("ديالو", tokens);
        Assert.Contains("عايشه", tokens);
        // Each word once as its phonetic key, and once as its cross-script skeleton, marked by script.
        Assert.Contains("^dl", tokens);
        Assert.Contains("~dl", tokens);
        Assert.Contains("~x", tokens);
        Assert.Equal(10, tokens.Count);
    }

    [Fact]
    public void The_prefix_upper_bound_sorts_after_every_word_with_the_prefix()
    {
        var upper = NameKey.PrefixUpperBound("dal");
        Assert.True(string.CompareOrdinal("dala", upper) < 0);
        Assert.True(string.CompareOrdinal("dalzzzz", upper) < 0);
        Assert.True(string.CompareOrdinal("dam", upper) >= 0);
    }

    [Theory]
    [InlineData("Mohamed", "محمد")]
    [InlineData("Muhammad", "محمد")]
    [InlineData("Mohammed", "مُحَمَّد")]
    [InlineData("Traoré", "تراوري")]
    [InlineData("Aïcha", "عائشة")]
    [InlineData("Aicha", "عائشه")]
    [InlineData("Mamadou", "مامادو")]
    [InlineData("Fatoumata", "فاطماتا")]
    [InlineData("Ousmane", "عثمان")]
    [InlineData("Ibrahim", "إبراهيم")]
    [InlineData("Moussa", "موسى")]
    [InlineData("Diallo", "ديالو")]
    [InlineData("Kouassi", "كواسي")]
    [InlineData("Fatimah", "فاطمة")]
    [InlineData("Khadija", "خديجة")]
    [InlineData("Abdallah", "عبدالله")]
    public void A_name_and_its_Arabic_spelling_share_one_skeleton(string latin, string arabic) =>
        Assert.Equal(NameKey.Skeleton(NameKey.Fold(latin)), NameKey.Skeleton(NameKey.Fold(arabic)));

    [Theory]
    [InlineData("Mohamed", "Mamadou")]
    [InlineData("محمد", "احمد")]
    [InlineData("Traoré", "Touré")]
    [InlineData("عائشة", "Chérif")]
    [InlineData("Moussa", "مصطفى")]
    [InlineData("Diallo", "Diop")]
    public void Different_names_keep_different_skeletons(string a, string b) =>
        Assert.NotEqual(NameKey.Skeleton(NameKey.Fold(a)), NameKey.Skeleton(NameKey.Fold(b)));

    [Theory]
    [InlineData("محم", "Mohamed")]
    [InlineData("ibra", "إبراهيم")]
    [InlineData("فاطما", "Fatoumata")]
    public void The_skeleton_of_a_typed_prefix_is_a_prefix_of_the_names_skeleton(string typed, string name) =>
        Assert.StartsWith(NameKey.Skeleton(NameKey.Fold(typed)), NameKey.Skeleton(NameKey.Fold(name)), StringComparison.Ordinal);

    [Theory]
    [InlineData("zzzz")]
    [InlineData("ssss")]
    [InlineData("aaaa")]
    public void Three_same_letters_in_a_row_do_not_collapse_to_a_short_key(string word)
    {
        Assert.True(NameKey.Phonetic(word).Length >= 3);
        Assert.NotEqual("s", NameKey.Skeleton(word));
    }

    [Theory]
    [InlineData("Ai\u200Bcha")]
    [InlineData("Ai\u200C\u200Dcha")]
    [InlineData("\u200EAicha\u200F")]
    [InlineData("\u202BAi\u202Echa\u202C")]
    [InlineData("\u2067Aicha\u2069")]
    [InlineData("Ai\u00ADcha")]
    [InlineData("\uFEFFAicha")]
    [InlineData("Ai\u2060cha")]
    public void Invisible_characters_are_dropped_from_keys_and_names(string name)
    {
        Assert.Equal(NameKey.Key("Aicha"), NameKey.Key(name));
        Assert.Equal(NameKey.Tokens("Aicha"), NameKey.Tokens(name));
        Assert.Equal("Aicha", NameKey.RemoveInvisible(name));
    }
}
