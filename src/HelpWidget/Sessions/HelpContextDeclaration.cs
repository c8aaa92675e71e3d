namespace HelpWidget;

/// <summary>Help context declared by a page or component: context keys, tags and a topic.</summary>
public sealed class HelpContextDeclaration
{
    /// <summary>Gets the context keys, such as <c>expenses</c>; articles list them under <c>contexts</c>. Defaults to none.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>Gets the tags, matched against the articles' tags. Defaults to none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets a short name of what the user is doing, such as <c>Travel expenses</c>, shown above the suggestions; <see langword="null"/> for none.</summary>
    public string? Topic { get; init; }

    /// <summary>The most keys, or tags, one declaration may hold.</summary>
    public const int MaxEntries = 20;

    /// <summary>Checks the declaration: at most <see cref="MaxEntries"/> keys and tags, each 1 to 100 characters without control characters, and a topic of at most 100.</summary>
    /// <exception cref="ArgumentException">A key, tag or the topic breaks a rule; the message says which.</exception>
    public void Validate()
    {
        Check(Keys, nameof(Keys));
        Check(Tags, nameof(Tags));
        if (Topic is not null && (Topic.Length > 100 || Topic.Any(char.IsControl)))
        {
            throw new ArgumentException("Topic must be at most 100 characters without control characters.", nameof(Topic));
        }
    }

    private static void Check(IReadOnlyList<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count > MaxEntries)
        {
            throw new ArgumentException($"{name} holds more than {MaxEntries} entries.", name);
        }

        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 100 || value.Any(char.IsControl))
            {
                throw new ArgumentException($"Each of {name} must be 1 to 100 characters without control characters.", name);
            }
        }
    }
}
