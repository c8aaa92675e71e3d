using System.Text.RegularExpressions;

namespace HelpWidget.Tests.Insights;

public sealed partial class DraftTests
{
    // What the Markdown folder accepts as an id (1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ArticleId();

    // One front matter line as the draft writes it: a known key, then a double-quoted scalar or a flow list of them, with only \\ and \" escaped.
    [GeneratedRegex("""^(id|title|summary|language): "([^"\\]|\\[\\"])*"$|^(tags|contexts): \["([^"\\]|\\[\\"])*"(, "([^"\\]|\\[\\"])*")*\]$""")]
    private static partial Regex FrontMatterLine();

    // A character that would start HTML, a link or code in Markdown, without the backslash that makes it literal.
    [GeneratedRegex(@"(?<!\\)[<\[\]()`&]")]
    private static partial Regex Unescaped();

    private static (string[] FrontMatter, string Body) Split(string markdown)
    {
        Assert.StartsWith("---\n", markdown, StringComparison.Ordinal);
        var lines = markdown.Split('\n');
        var end = Array.IndexOf(lines, "---", 1);
        Assert.True(end > 0, "no closing '---' line");
        return (lines[1..end], string.Join('\n', lines[(end + 1)..]));
    }

    private static string Value(string[] frontMatter, string key)
    {
        var line = Assert.Single(frontMatter, l => l.StartsWith(key + ": ", StringComparison.Ordinal));
        var quoted = line[(key.Length + 2)..];
        return quoted.Trim('[', ']')[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }

    [Fact]
    public void FromSearch_PlainQuery_FillsTheFrontMatterOfTheKnowledgeFolder()
    {
        var draft = HelpArticleDraft.FromSearch("reset vpn token", "/profile", "en");

        Assert.Equal("reset-vpn-token", draft.Id);
        Assert.Equal("reset-vpn-token.md", draft.FileName);
        Assert.Equal("Reset vpn token", draft.Title);
        var (front, body) = Split(draft.Markdown);
        Assert.Equal(
            ["id: \"reset-vpn-token\"", "title: \"Reset vpn token\"", "summary: \"One sentence on what this guide helps with.\"", "tags: [\"reset vpn token\"]", "contexts: [\"/profile\"]", "language: \"en\""],
            front);
        Assert.Contains("## Steps", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lösenord utgånget", "losenord-utganget")]
    [InlineData("søknad om ferie", "soknad-om-ferie")]
    [InlineData("Kööpenhamina ÆØÅ", "koopenhamina-aeoa")]
    [InlineData("  ---vpn---  ", "vpn")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("C:\\Windows\\system32", "c-windows-system32")]
    public void IdFor_AnyQuery_IsASlugTheFolderAccepts(string query, string id)
    {
        Assert.Equal(id, HelpArticleDraft.IdFor(query));
        Assert.Matches(ArticleId(), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("???")]
    [InlineData("日本語")]
    [InlineData("\u0000\u200B\u2028")]
    public void IdFor_QueryWithoutLettersOrDigits_IsAStableHashedId(string query)
    {
        var id = HelpArticleDraft.IdFor(query);

        Assert.Matches("^draft-[0-9a-f]{8}$", id);
        Assert.Equal(id, HelpArticleDraft.IdFor(query));
    }

    [Fact]
    public void IdFor_VeryLongQuery_IsCut()
    {
        var id = HelpArticleDraft.IdFor(string.Concat(Enumerable.Repeat("printer ", 500)));

        Assert.True(id.Length <= HelpArticleDraft.MaxIdLength, id);
        Assert.Matches(ArticleId(), id);
        Assert.False(id.EndsWith('-'));
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "title\n---\nid: hijacked\n---\n<script>alert(1)</script>",
        "vpn\"\nid: \"evil",
        "a: b: c",
        "quote \" and backslash \\ and \\\" both",
        "line\rbreak\u2028separator\u2029paragraph\u0085next\u000Bvertical",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "{{ template }} ${env:HOME} %s",
        "# heading\n> quote\n- item",
        "--- ",
        "&lt;b&gt; &amp;",
        "\ud83d\ude00 emoji and a lone surrogate \ud83d",
        new string('x', 10_000),
        "!!python/object:os.system ['rm -rf /']",
        "*anchor &anchor key: value",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public void FromSearch_HostileQuery_ProducesOneSafeFrontMatter(string query)
    {
        var draft = HelpArticleDraft.FromSearch(query, "/page?q=" + query, "en\nid: x");

        var (front, body) = Split(draft.Markdown);
        Assert.All(front, line => Assert.Matches(FrontMatterLine(), line));
        Assert.Equal(draft.Id, Value(front, "id"));
        Assert.Matches(ArticleId(), draft.Id);
        Assert.Single(front, l => l.StartsWith("id:", StringComparison.Ordinal));
        Assert.DoesNotContain(front, l => l.StartsWith("language:", StringComparison.Ordinal));
        Assert.Equal(draft.Title, Value(front, "title"));
        Assert.True(draft.Title.Length <= HelpArticleDraft.MaxTitleLength);
        Assert.DoesNotContain('\n', draft.Title);
        Assert.DoesNotContain(body.Split('\n'), line => line.Trim() == "---");
        Assert.DoesNotMatch(Unescaped(), body);
        // Valid text to save as UTF-8: no surrogate cut in half.
        _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(draft.Markdown);
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public void FromComment_HostileComment_IsQuotedAsPlainTextOnOneLine(string comment)
    {
        var draft = HelpArticleDraft.FromComment("expense-status", "Where is my \"expense\" claim?", "sv", comment);

        var (front, body) = Split(draft.Markdown);
        Assert.All(front, line => Assert.Matches(FrontMatterLine(), line));
        Assert.Equal("expense-status", Value(front, "id"));
        Assert.Equal("Where is my \"expense\" claim?", Value(front, "title"));
        Assert.Equal("sv", Value(front, "language"));
        var quoted = body.Split('\n')[0];
        Assert.StartsWith("> A reader rated this article", quoted, StringComparison.Ordinal);
        Assert.DoesNotMatch(Unescaped(), body);
        Assert.DoesNotContain(body.Split('\n'), line => line.Trim() == "---");
    }

    [Fact]
    public void FromComment_ArticleIdThatIsNoValidId_BecomesOne()
    {
        var draft = HelpArticleDraft.FromComment("../../etc/passwd", null, null, "wrong");

        Assert.Equal("etc-passwd", draft.Id);
        Assert.Equal("etc-passwd.md", draft.FileName);
        Assert.Equal("../../etc/passwd", draft.Title);
    }

    [Fact]
    public void FromSearch_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => HelpArticleDraft.FromSearch(null!, null, null));
    }
}
