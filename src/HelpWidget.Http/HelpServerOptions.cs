namespace HelpWidget.Http;

/// <summary>
/// Options of the help server client added by <see cref="HelpServerHelpWidgetBuilderExtensions.AddHelpServer(IHelpWidgetBuilder, Action{HelpServerOptions})"/>:
/// where the server is, how long a call may take and what is remembered for when it cannot be reached.
/// </summary>
/// <remarks>The options are validated when the app starts and when the client is first used; a message names the value at fault.</remarks>
public sealed class HelpServerOptions
{
    /// <summary>
    /// The name of the <see cref="System.Net.Http.HttpClient"/> the client uses (<c>IHttpClientFactory</c>). Add a
    /// <see cref="System.Net.Http.DelegatingHandler"/> to it with <c>services.AddHttpClient(HelpServerOptions.HttpClientName).AddHttpMessageHandler&lt;T&gt;()</c>
    /// to attach credentials; such a handler runs for every attempt, inside the retries.
    /// </summary>
    public const string HttpClientName = "HelpWidget.Http";

    /// <summary>
    /// Gets or sets the help server's address, such as <c>https://help.example</c>: absolute, <c>http</c> or
    /// <c>https</c>, without query, fragment or user information. A path in it (<c>https://apps.example/help</c>) is
    /// kept in front of <see cref="ApiPath"/>. Required; there is no default.
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// Gets or sets the path of the API on the server, the prefix given to <c>MapHelpWidgetApi()</c>. Starts with
    /// <c>/</c>. Defaults to <c>/helpwidget/api</c>, the server's default.
    /// </summary>
    public string ApiPath { get; set; } = "/helpwidget/api";

    /// <summary>
    /// Gets or sets how long one attempt of a call may take before it is abandoned and, if attempts are left, tried
    /// again, from 100 milliseconds to 1 minute. Does not apply to sending a ticket (see <see cref="UploadAttemptTimeout"/>).
    /// Defaults to 5 seconds: a help panel that waits longer is better off saying that help is offline.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long one attempt to send a ticket with its attachments may take, from <see cref="AttemptTimeout"/>
    /// to 10 minutes. Defaults to 1 minute, room for 25 MiB of attachments on a slow connection.
    /// </summary>
    public TimeSpan UploadAttemptTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how many times a call that failed on the way (no connection, a timeout, 408, 429 or 5xx) is tried
    /// again, with exponential back-off and jitter, from 0 to 5. Sending a ticket is retried too: the server stores a
    /// ticket once per idempotency key. Defaults to 2.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>
    /// Gets or sets how long suggestions and articles already received are remembered, to be shown while the server
    /// cannot be reached, from zero (nothing is remembered) to 7 days. Defaults to 1 hour.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how many suggestion lists and articles are remembered together, from 1 to 10,000; the least recently
    /// used is forgotten first. Defaults to 200.
    /// </summary>
    public int MaxCacheEntries { get; set; } = 200;

    /// <summary>
    /// Gets or sets how long after going offline the client first asks the server whether it is back, from 100
    /// milliseconds to <see cref="MaxProbeInterval"/>; each unanswered probe doubles the wait. Defaults to 2 seconds.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the longest wait between two probes while offline, up to 1 hour. Defaults to 1 minute.</summary>
    public TimeSpan MaxProbeInterval { get; set; } = TimeSpan.FromMinutes(1);
}
