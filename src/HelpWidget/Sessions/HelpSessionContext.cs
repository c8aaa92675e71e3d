namespace HelpWidget;

/// <summary>
/// The help context of the user's current page: the declarations of the page and its components (keys, tags, a
/// topic), the values the app adds to a ticket, and the user's time zone. Get it from <see cref="HelpSession.Context"/>.
/// </summary>
/// <remarks>Not thread-safe: use it from the UI's synchronisation context, as Blazor components do.</remarks>
public sealed class HelpSessionContext
{
    /// <summary>The most values <see cref="Values"/> sends with a ticket.</summary>
    public const int MaxValues = 20;

    private readonly List<HelpContextDeclaration> _declarations = [];

    internal HelpSessionContext()
    {
    }

    /// <summary>Occurs when the declared help context changed (a page or component declared or dropped one).</summary>
    public event EventHandler<HelpContextChangedEventArgs>? Changed;

    /// <summary>Gets the help contexts declared by the current page and its components, outermost first.</summary>
    public IReadOnlyList<HelpContextDeclaration> Declarations => _declarations;

    /// <summary>Gets the innermost declared topic, such as <c>Travel expenses</c>; <see langword="null"/> when none is declared.</summary>
    public string? Topic => _declarations.LastOrDefault(d => d.Topic is not null)?.Topic;

    /// <summary>
    /// Gets values the host app adds to the context of a ticket, such as an order number or the record being edited
    /// (at most <see cref="MaxValues"/>, keys of 1 to 50 letters, digits, '-', '_' or '.', values up to 1,000
    /// characters; others are left out). They are scrubbed of personal data and shown to the user before sending,
    /// like the rest of the context.
    /// </summary>
    public IDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the user's time zone as an IANA id (such as <c>Europe/Oslo</c>), sent with a ticket. The launcher
    /// sets it from what the browser reports; <see langword="null"/> when unknown.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a time zone id.</exception>
    public string? TimeZone
    {
        get;
        set => field = value is null || IsTimeZoneId(value) ? value : throw new ArgumentException("TimeZone must be an IANA time zone id such as Europe/Oslo.", nameof(value));
    }

    /// <summary>
    /// Declares a help context for the current page or component; dispose the result when the page or
    /// component goes away. Declarations nest: the effective context joins them all.
    /// </summary>
    /// <param name="declaration">The keys, tags and topic.</param>
    /// <returns>A handle that removes the declaration when disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="declaration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The declaration breaks a rule of <see cref="HelpContextDeclaration.Validate"/>.</exception>
    public IDisposable Declare(HelpContextDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        declaration.Validate();
        _declarations.Add(declaration);
        OnChanged();
        return new Declaration(this, declaration);
    }

    /// <summary>Gets the context to search and suggest in: the route with every declared key and tag.</summary>
    /// <param name="route">The path of the current page, such as <c>/expenses/new</c>.</param>
    /// <returns>The context.</returns>
    public HelpContext Resolve(string? route)
    {
        RouteResolved?.Invoke(route);
        if (_declarations.Count == 0)
        {
            return new HelpContext { Route = route };
        }

        return new HelpContext
        {
            Route = route,
            Keys = _declarations.SelectMany(d => d.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            Tags = _declarations.SelectMany(d => d.Tags).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        };
    }

    /// <summary>Gets a value indicating whether <paramref name="value"/> looks like an IANA time zone id: 1 to 64 letters, digits, '/', '_', '+' and '-', starting with a letter.</summary>
    internal static bool IsTimeZoneId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= 64 } && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '+' or '-');

    /// <summary>Gets the app's values that pass the rules of <see cref="Values"/>, at most <see cref="MaxValues"/>, in the order added.</summary>
    internal IEnumerable<KeyValuePair<string, string>> ValidValues() => Values
        .Where(entry => entry.Key.Length is > 0 and <= 50 && entry.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            && entry.Value is { Length: <= 1000 } && !entry.Value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        .Take(MaxValues);

    /// <summary>Called with the route of every context resolved, the page the user is on, so insight events carry it.</summary>
    internal Action<string?>? RouteResolved { get; set; }

    private void OnChanged() => Changed?.Invoke(this, new HelpContextChangedEventArgs());

    private sealed class Declaration(HelpSessionContext context, HelpContextDeclaration declaration) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                context._declarations.Remove(declaration);
                context.OnChanged();
            }
        }
    }
}
