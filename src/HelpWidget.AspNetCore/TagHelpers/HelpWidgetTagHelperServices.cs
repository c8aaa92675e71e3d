using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>What the tag helpers read besides the request: their options, and the token endpoint when the app maps one.</summary>
internal sealed class HelpWidgetTagHelperServices(IOptions<HelpWidgetTagHelperOptions> options)
{
    public HelpWidgetTagHelperOptions Options => options.Value;

    /// <summary>Gets or sets the path of the app's token endpoint (<c>MapHelpWidgetToken()</c>); <see cref="PathString.Empty"/> when it maps none.</summary>
    public PathString TokenPath { get; set; } = PathString.Empty;
}
