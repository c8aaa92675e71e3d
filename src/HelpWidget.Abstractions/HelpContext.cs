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

    /// <summary>
    /// Gets a value indicating whether this context is covered by <paramref name="target"/>: a route (starting with
    /// <c>/</c>) that is the context's route or one of its parents, or a context key the page declared.
    /// </summary>
    /// <param name="target">A route such as <c>/expenses</c>, or a context key such as <c>expenses</c>.</param>
    /// <returns><see langword="true"/> when the target covers this context.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is <see langword="null"/>.</exception>
    public bool Matches(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.StartsWith('/'))
        {
            return Keys.Contains(target, StringComparer.OrdinalIgnoreCase);
        }

        var route = (Route ?? "/").TrimEnd('/');
        var prefix = target.TrimEnd('/');
        return prefix.Length == 0 || route.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || route.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
    }
}
