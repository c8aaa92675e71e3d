namespace HelpWidget.Markdown;

/// <summary>
/// The codes of the problems <see cref="KnowledgeBaseLinter"/> reports. Codes never change meaning, so CI scripts and
/// editors may rely on them; <c>docs/editors.md</c> lists each with the line it is reported on.
/// </summary>
public static class ContentProblemCodes
{
    /// <summary><c>HW1001</c>, error: the front matter cannot be read (no closing <c>---</c>, invalid YAML, an invalid id or language); the article is left out.</summary>
    public const string FrontMatter = "HW1001";

    /// <summary><c>HW1002</c>, error: the file is larger than the largest article read; the article is left out.</summary>
    public const string FileTooLarge = "HW1002";

    /// <summary><c>HW1003</c>, error: the file cannot be read (or is not UTF-8 text); the article is left out.</summary>
    public const string Unreadable = "HW1003";

    /// <summary><c>HW1004</c>, warning: a front matter field has the wrong shape (a list where text is expected, or the reverse) and is ignored.</summary>
    public const string FieldShape = "HW1004";

    /// <summary><c>HW1010</c>, error: an image the article shows does not exist in the folder.</summary>
    public const string MissingImage = "HW1010";

    /// <summary><c>HW1011</c>, error: a link or image points outside the knowledge folder (<c>../</c> beyond its root).</summary>
    public const string OutsideFolder = "HW1011";

    /// <summary><c>HW1020</c>, error: HTML written in the article (a tag, attribute or link) is removed by the sanitiser, so readers do not see it.</summary>
    public const string HtmlRemoved = "HW1020";

    /// <summary><c>HW2001</c>, error: two files have the same id in the same language; the later file (in path order) is left out.</summary>
    public const string DuplicateId = "HW2001";

    /// <summary><c>HW2002</c>, error: <c>related</c> names an article id that no article has.</summary>
    public const string UnknownRelated = "HW2002";

    /// <summary><c>HW2003</c>, warning: the article exists in some languages of the folder but not in this one.</summary>
    public const string MissingTranslation = "HW2003";

    /// <summary><c>HW3001</c>, error: the areas file cannot be read, or an area in it has no valid id, a duplicate id or no title.</summary>
    public const string AreasFile = "HW3001";

    /// <summary><c>HW3002</c>, warning: an area has no title in a language the folder has articles in.</summary>
    public const string AreaTitleMissing = "HW3002";

    /// <summary><c>HW3003</c>, error: an article names an area the areas file does not define (or there is no areas file).</summary>
    public const string UnknownArea = "HW3003";

    /// <summary><c>HW3004</c>, warning: an area has fewer or more articles in a language than the advised range (5 to 25 by default).</summary>
    public const string AreaSize = "HW3004";

    /// <summary><c>HW3005</c>, warning: the folder defines areas but the article names none, so it cannot be found by browsing.</summary>
    public const string NoArea = "HW3005";
}
