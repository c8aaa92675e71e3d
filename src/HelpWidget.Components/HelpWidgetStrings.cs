using Microsoft.Extensions.Localization;

[assembly: ResourceLocation("Resources")]

namespace HelpWidget.Components;

/// <summary>The resource type of the widget's UI text; inject <c>IStringLocalizer&lt;HelpWidgetStrings&gt;</c> to override it.</summary>
public sealed class HelpWidgetStrings
{
    private HelpWidgetStrings()
    {
    }
}
