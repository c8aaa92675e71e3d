namespace HelpWidget;

/// <summary>
/// Where the user is asking for help: the page's route and any keys or tags the page declared.
/// </summary>
public sealed class HelpContext
{
    /// <summary>Gets an empty context: no route, keys or tags.</summary>
    public static HelpContext None { get; } = new();

    /// <summary>Gets the path of the current page without query or fragment, such as <c>/expenses/new</c>; <see langword="null"/> when unknown.</summary>
    public string? Route { get; init; }

    /// <summary>Gets the context keys the page declared, such as <c>expenses</c>. Defaults to none.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>Gets the tags the page declared. Defaults to none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
