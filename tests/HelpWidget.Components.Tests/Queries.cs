using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components.Tests;

/// <summary>Finds elements the way a person or a screen reader does: by label and by accessible name.</summary>
internal static class Queries
{
    public static IElement FindByLabel<T>(this IRenderedComponent<T> cut, string label)
        where T : IComponent
    {
        var element = cut.FindAll("label").SingleOrDefault(l => l.TextContent.Trim() == label)
            ?? throw new InvalidOperationException($"No label '{label}' in:\n{cut.Markup}");
        return element.GetAttribute("for") is { } id ? cut.Find($"#{id}") : element.QuerySelector("input, select, textarea")
            ?? throw new InvalidOperationException($"Label '{label}' labels nothing.");
    }

    public static IElement FindButton<T>(this IRenderedComponent<T> cut, string name)
        where T : IComponent =>
        cut.FindAll("button").SingleOrDefault(b => AccessibleName(b) == name)
            ?? throw new InvalidOperationException($"No button named '{name}' in:\n{cut.Markup}");

    public static bool HasButton<T>(this IRenderedComponent<T> cut, string name)
        where T : IComponent =>
        cut.FindAll("button").Any(b => AccessibleName(b) == name);

    /// <summary>The name a screen reader announces: aria-label, else the text that is not aria-hidden.</summary>
    public static string AccessibleName(IElement element) =>
        element.GetAttribute("aria-label") ?? string.Join(' ', VisibleText(element).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static string VisibleText(INode node) => node switch
    {
        IElement { } e when e.GetAttribute("aria-hidden") == "true" => string.Empty,
        IElement e => string.Concat(e.ChildNodes.Select(VisibleText)),
        _ => " " + node.TextContent + " ",
    };

    public static string Status<T>(this IRenderedComponent<T> cut)
        where T : IComponent =>
        cut.Find("[role=status]").TextContent.Trim();
}
