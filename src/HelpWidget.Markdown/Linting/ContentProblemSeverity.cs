namespace HelpWidget.Markdown;

/// <summary>How serious a <see cref="ContentProblem"/> is.</summary>
public enum ContentProblemSeverity
{
    /// <summary>Advice: the content works but goes against the knowledge base's conventions (an area too small or too large, an article missing in one language).</summary>
    Warning = 0,

    /// <summary>Readers miss something: an article is left out, a link or image is broken, or written HTML is removed. <c>helpwidget lint</c> exits non-zero.</summary>
    Error = 1,
}
