namespace HelpWidget.Embeddings.Onnx.Tests;

/// <summary>The tokeniser against the uncased BERT vocabulary of the default model (no model is loaded).</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer s_tokenizer = LoadTokenizer();

    [Fact]
    public void Encode_AccentedWords_StripsAccentsAsTheUncasedVocabularyExpects()
    {
        Assert.Equal(["[CLS]", "cafe", "naive", "[SEP]"], Tokens("Café NAÏVE"));
    }

    [Fact]
    public void Encode_DottedCapitalI_BecomesPlainLowerCaseI()
    {
        Assert.Equal(["[CLS]", "istanbul", "[SEP]"], Tokens("İstanbul"));
    }

    [Fact]
    public void Encode_BareNewlinesTabsAndNoBreakSpaces_SeparateWordsLikeSpaces()
    {
        var spaced = Tokens("reset the password please now");
        Assert.Equal(spaced, Tokens("reset\nthe\tpassword\u00A0please\r\nnow"));
        Assert.DoesNotContain("[UNK]", spaced);
    }

    [Fact]
    public void Encode_PageBreaksAndNextLine_SeparateWordsInsteadOfGluingThem()
    {
        Assert.Equal(Tokens("reset password now"), Tokens("reset\fpassword\vnow"));
        Assert.Equal(Tokens("reset password"), Tokens("reset\u0085password"));
    }

    [Fact]
    public void Encode_PrivateUseAndUnassignedCharacters_AreDropped()
    {
        Assert.Equal(Tokens("password"), Tokens("pass\uE000word\U000F0000"));
    }

    [Fact]
    public void Encode_SupplementaryIdeographs_AreTokensOfTheirOwn()
    {
        Assert.Equal(["[CLS]", "a", "[UNK]", "[UNK]", "b", "[SEP]"], Tokens("a\U00020000\U00020001b"));
    }

    [Fact]
    public void Encode_Punctuation_BecomesTokensOfItsOwn()
    {
        Assert.Equal(["[CLS]", "e", "-", "mail", ",", "please", "!", "[SEP]"], Tokens("e-mail, please!"));
    }

    [Fact]
    public void Encode_WordOutsideTheVocabulary_OnlyThatWordIsUnknown()
    {
        Assert.Equal(["[CLS]", "hello", "[UNK]", "world", "[SEP]"], Tokens("hello 😀 world"));
    }

    [Fact]
    public void Encode_RareWord_IsSpelledWithContinuationPieces()
    {
        var tokens = Tokens("strikethrough");
        Assert.True(tokens.Count > 3, string.Join(" ", tokens));
        Assert.Equal("strike", tokens[1]);
        Assert.All(tokens.Skip(2).SkipLast(1), t => Assert.StartsWith("##", t, StringComparison.Ordinal));
    }

    [Fact]
    public void Encode_CjkIdeographs_AreSplitOnePerToken()
    {
        Assert.Equal(["[CLS]", "中", "文", "[SEP]"], Tokens("中文"));
    }

    [Fact]
    public void Encode_ControlAndFormatCharacters_AreDropped()
    {
        Assert.Equal(Tokens("password"), Tokens("pass\u0000word\u0007\u200B\uFFFD"));
    }

    [Fact]
    public void Encode_LoneSurrogates_AreDroppedWithoutFailing()
    {
        Assert.Equal(Tokens("hello world"), Tokens("hello\uD800 \uDC00world"));
    }

    [Fact]
    public void Encode_Empty_IsOnlyTheMarkers()
    {
        Assert.Equal(["[CLS]", "[SEP]"], Tokens(""));
        Assert.Equal(["[CLS]", "[SEP]"], Tokens(" \n\t\u0000 "));
    }

    [Fact]
    public void Encode_LongText_IsCutAtTheCapWithTheMarkersKept()
    {
        var text = string.Join(' ', Enumerable.Repeat("reset the password", 1000));
        var ids = s_tokenizer.Encode(string.Empty, text, 256);
        Assert.Equal(256, ids.Count);
        Assert.Equal(s_tokenizer.ClsId, ids[0]);
        Assert.Equal(s_tokenizer.SepId, ids[^1]);
        Assert.DoesNotContain(s_tokenizer.SepId, ids.Take(255));
    }

    [Fact]
    public void Encode_MegabyteOfPunctuatedText_IsCutAtTheCap()
    {
        var text = string.Concat(Enumerable.Repeat("a.b,", 256 * 1024));
        Assert.Equal(256, s_tokenizer.Encode(string.Empty, text, 256).Count);
    }

    [Fact]
    public void Encode_MegabyteWithoutSeparators_IsOneUnknownWord()
    {
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], Tokens(new string('a', 1024 * 1024)));
    }

    [Fact]
    public void Encode_WordOfMoreThanAHundredCharacters_IsUnknown()
    {
        Assert.Equal(["[CLS]", "x", "[UNK]", "y", "[SEP]"], Tokens("x " + new string('a', 101) + " y"));
    }

    [Fact]
    public void Encode_Prefix_ComesBeforeTheTextAndCountsTowardsTheCap()
    {
        var ids = s_tokenizer.Encode("represent: ", "hello", 16);
        Assert.Equal(["[CLS]", "represent", ":", "hello", "[SEP]"], s_tokenizer.Decode(ids));
        Assert.Equal(["[CLS]", "represent", "[SEP]"], s_tokenizer.Decode(s_tokenizer.Encode("represent: ", "hello", 3)));
    }

    private static List<string> Tokens(string text) => s_tokenizer.Decode(s_tokenizer.Encode(string.Empty, text, 256)).ToList();

    private static WordPieceTokenizer LoadTokenizer()
    {
        var model = ModelDescriptor.For(OnnxEmbeddingModel.ArcticXs);
        using var stream = model.OpenResource(model.VocabularyResource);
        return WordPieceTokenizer.Load(stream);
    }
}
