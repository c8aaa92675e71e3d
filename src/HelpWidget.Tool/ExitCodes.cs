namespace HelpWidget.Tool;

/// <summary>The exit codes of <c>helpwidget</c>, documented in docs/editors.md for CI scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>lint</c>, no errors (warnings allowed unless <c>--warnings-as-errors</c>).</summary>
    public const int Success = 0;

    /// <summary><c>lint</c> found errors (or warnings with <c>--warnings-as-errors</c>).</summary>
    public const int ProblemsFound = 1;

    /// <summary>The command line is wrong: an unknown option, a missing or invalid value, a folder that does not exist.</summary>
    public const int Usage = 2;

    /// <summary><c>new</c> refused to overwrite: the file or an article with the same id and language exists.</summary>
    public const int AlreadyExists = 3;

    /// <summary>The command was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
