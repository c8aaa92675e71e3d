using Microsoft.Extensions.Logging;

namespace HelpWidget.AspNetCore;

/// <summary>The tag helpers' log messages (event ids from 100, apart from the API's).</summary>
internal static partial class TagHelperLog
{
    public const string Category = "HelpWidget.AspNetCore.TagHelpers";

    [LoggerMessage(100, LogLevel.Warning, "HelpWidget <{Tag}> on {Path}: {Problem} The value was left out of the page.")]
    public static partial void ValueDropped(ILogger logger, string tag, string path, string problem);

    [LoggerMessage(101, LogLevel.Warning, "HelpWidget <help-widget> on {Path}: {Problem}")]
    public static partial void EmbedMissing(ILogger logger, string path, string problem);
}
