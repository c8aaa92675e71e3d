namespace HelpWidget;

/// <summary>Options of the webhook ticket sink, which POSTs each ticket as signed JSON to one URL.</summary>
public sealed class WebhookSinkOptions
{
    /// <summary>
    /// The name of the webhook sink, <c>webhook</c>: the key of its deliveries in the store, in the queue view
    /// (<see cref="ITicketQueueView"/>), the health check's data, the dead letters and the logs.
    /// </summary>
    public const string SinkName = "webhook";

    /// <summary>The shortest secret accepted, in characters.</summary>
    public const int MinSecretLength = 32;

    /// <summary>Gets or sets the absolute <c>http</c> or <c>https</c> URL that receives the tickets. Required; no default.</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// Gets or sets the shared secret that signs each request (HMAC-SHA256), at least <see cref="MinSecretLength"/> characters.
    /// Keep it out of source control (user secrets, environment variables, a key vault). Required; no default.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Gets or sets how long the receiver may take to answer, from 1 second to 10 minutes; <see langword="null"/> leaves only
    /// <see cref="TicketDeliveryOptions.AttemptTimeout"/>. Defaults to <see langword="null"/>.
    /// </summary>
    public TimeSpan? Timeout { get; set; }
}
