namespace HelpWidget.Markdown;

/// <summary>A problem found in a knowledge folder by <see cref="KnowledgeBaseLinter"/>, with where it is and what to do.</summary>
public sealed class ContentProblem
{
    /// <summary>Gets the file's path relative to the knowledge folder, with <c>/</c> separators, such as <c>en/vpn.md</c> or <c>areas.yml</c>.</summary>
    public required string File { get; init; }

    /// <summary>Gets the 1-based line in <see cref="File"/> the problem is on; 1 when it concerns the whole file.</summary>
    public required int Line { get; init; }

    /// <summary>Gets the problem's stable code, one of the <see cref="ContentProblemCodes"/>, such as <c>HW2002</c>.</summary>
    public required string Code { get; init; }

    /// <summary>Gets how serious the problem is.</summary>
    public required ContentProblemSeverity Severity { get; init; }

    /// <summary>Gets a sentence saying what is wrong and how to put it right, in English.</summary>
    public required string Message { get; init; }

    /// <summary>Returns the problem as <c>file:line: severity code: message</c>, the form compilers use and editors link.</summary>
    /// <returns>The problem as one line.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}:{Line}: {(Severity == ContentProblemSeverity.Error ? "error" : "warning")} {Code}: {Message}");
}
