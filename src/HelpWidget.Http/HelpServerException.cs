namespace HelpWidget.Http;

/// <summary>
/// The help server could not be reached (<see cref="IsUnavailable"/>), or it refused a request: bad input, too large,
/// not signed in, not allowed, too many requests. The message says which, for a log or an operator.
/// </summary>
public sealed class HelpServerException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="HelpServerException"/> class.</summary>
    public HelpServerException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HelpServerException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public HelpServerException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HelpServerException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public HelpServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets a value indicating whether the server could not be reached or failed (no connection, a timeout, an open
    /// circuit, a 5xx answer), so help is offline; <see langword="false"/> when the server refused the request itself.
    /// </summary>
    public bool IsUnavailable { get; init; }

    /// <summary>Gets the HTTP status the server answered with; <see langword="null"/> when no answer came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the server's stable error code, such as <c>invalid_ticket</c> or <c>sign_in_required</c>; <see langword="null"/> when none was given.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the fields the server found at fault, with its messages, such as <c>email</c>. Defaults to none.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
}
