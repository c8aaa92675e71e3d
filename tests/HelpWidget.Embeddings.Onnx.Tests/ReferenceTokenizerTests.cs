using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HelpWidget.Embeddings.Onnx.Tests;

/// <summary>
/// The package's tokeniser gives the same tokens as Hugging Face's BERT tokeniser (uncased, accents stripped, Chinese
/// characters split: how the models were trained) over the same vocabulary, on hand-picked and on generated text.
/// </summary>
public sealed class ReferenceTokenizerTests : IDisposable
{
    // Vertical tab, form feed and next-line are dropped by the reference (they are control characters there, which
    // glues the words on both sides together); this tokeniser separates words at them, so generated text leaves them out.
    private const string Pool =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" +
        "     \t\n\r\u00A0\u2003\u3000\u2028" +
        ".,;:!?'\"()[]{}<>-_/\\@#$%^&*+=~`|\u2014\u2013\u201C\u201D\u2018\u2019\u00AB\u00BB\u00BF\u00A1\u2026\u00B7" +
        "\u00E9\u00E8\u00EA\u00EB\u00E0\u00E2\u00E4\u00E5\u00E6\u00F8\u00F6\u00FC\u00DF\u00E7\u00F1\u00C5\u00C4\u00D6\u00C9\u0130\u0131\u0301\u0308" +
        "\u03B1\u03B2\u03A3\u03C3\u03C2\u0436\u0416\u044F\u05D0\u0627\u0915\u0E01" +
        "\u4E2D\u6587\u5B57\u65E5\u672C\u3042\u30A2\uAC00\uF900" +
        "\u0000\u0007\u001B\u007F\u200B\u200D\u200E\uFEFF\uE000\uFFFD\u00AD" +
        "\u00BD\u00B2\u2122\u00A9\u20AC\u00A3\u2160\u2460\uFB01\uFF21\uFF41";

    private static readonly string[] s_supplementary = ["\U0001F600", "\U0001F44D\U0001F3FD", "\U00020000", "\U0002A700", "\U0001D400", "\U000F0000"];

    private readonly WordPieceTokenizer _tokenizer;
    private readonly Tokenizers.DotNet.Tokenizer _reference;
    private readonly string _folder = Directory.CreateTempSubdirectory("hw-tokenizer-").FullName;

    public ReferenceTokenizerTests()
    {
        var model = ModelDescriptor.For(OnnxEmbeddingModel.ArcticXs);
        var vocabulary = new List<string>();
        using (var reader = new StreamReader(model.OpenResource(model.VocabularyResource)))
        {
            while (reader.ReadLine() is { } line)
            {
                vocabulary.Add(line);
            }
        }

        _tokenizer = new WordPieceTokenizer(vocabulary);
        var path = Path.Combine(_folder, "tokenizer.json");
        File.WriteAllText(path, ReferenceConfiguration(vocabulary));
        _reference = new Tokenizers.DotNet.Tokenizer(path);
    }

    public static TheoryData<string> Texts =>
    [
        "Crème brûlée, naïve café — Ångström Æsir Øre straße İstanbul",
        "line one\nline two\tthree\r\nfour\u00A0five\u2028six",
        "don't e-mail o'clock U.S.A. 3.14 $5 (five) “quoted” ‘x’ ... a-b_c",
        "中文字符 mixed 日本語 한국어 \U00020001\U00020002 ext-B",
        "emoji 😀 here 👍🏽 and ﬁ ligature ＦＵＬＬＷＩＤＴＨ ½ ² ™ ©",
        "zero\u200Bwidth soft\u00ADhyphen bidi\u200Etext bom\uFEFF private\uE000use",
        "ΣΑΣ σας ς Ж ж ǅ Ǆ ǆ",
        "x " + new string('a', 99) + " " + new string('b', 100) + " " + new string('c', 101) + " y",
        "Outlook keeps asking for my password after I changed it on the web",
        "<script>alert('x')</script> ' OR 1=1 -- ../../etc/passwd",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Encode_HandPickedText_MatchesTheReference(string text) => AssertSame(text);

    [Fact]
    public void Encode_GeneratedText_MatchesTheReference()
    {
        var random = new Random(20261207);
        for (var n = 0; n < 2000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 80);
            for (var i = 0; i < length; i++)
            {
                text.Append(random.Next(12) == 0 ? s_supplementary[random.Next(s_supplementary.Length)] : Pool[random.Next(Pool.Length)].ToString());
            }

            AssertSame(text.ToString());
        }
    }

    public void Dispose()
    {
        _reference.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void AssertSame(string text)
    {
        var ours = _tokenizer.Encode(string.Empty, text, 100_000);
        var expected = _reference.Encode(text).Select(id => (int)id).ToList();
        var actual = ours.GetRange(1, ours.Count - 2);
        if (!expected.SequenceEqual(actual))
        {
            var escaped = string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
            Assert.Fail($"Text \"{escaped}\"\nreference: {string.Join(' ', _tokenizer.Decode(expected))}\nours:      {string.Join(' ', _tokenizer.Decode(actual))}");
        }
    }

    /// <summary>A tokenizer.json for the reference: BERT's normaliser and pre-tokeniser, WordPiece over the vocabulary, no special tokens added.</summary>
    private static string ReferenceConfiguration(List<string> vocabulary)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            ids.TryAdd(vocabulary[i], i);
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = Array.Empty<object>(),
            ["normalizer"] = new { type = "BertNormalizer", clean_text = true, handle_chinese_chars = true, strip_accents = true, lowercase = true },
            ["pre_tokenizer"] = new { type = "BertPreTokenizer" },
            ["post_processor"] = null,
            ["decoder"] = null,
            ["model"] = new Dictionary<string, object>
            {
                ["type"] = "WordPiece",
                ["unk_token"] = "[UNK]",
                ["continuing_subword_prefix"] = "##",
                ["max_input_chars_per_word"] = 100,
                ["vocab"] = ids,
            },
        });
    }
}
