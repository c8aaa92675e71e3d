using System.Net.Http.Json;
using System.Text.Json;

namespace HelpWidget.Http;

/// <summary>
/// Sends the widget's insight events to the help server (<c>POST events</c>), so an app that uses a help server records
/// into its store. The widget's background writer calls it with batches, after the user's action has completed; a
/// batch the server cannot take is dropped and counted there, never retried, never shown to the user. Simulated
/// events stay local. The server takes the user from the call's credentials (the browser's cookie or token, or what a
/// host's handler attaches), never from the events.
/// </summary>
internal sealed class HelpServerEventSink(HelpServerClient client) : IHelpEventSink
{
    /// <summary>The most events the server takes in one request.</summary>
    public const int MaxEventsPerRequest = 100;

    private const string Endpoint = "events";

    public string Name => "help-server";

    public async Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        Exception? failure = null;
        foreach (var chunk in events.Where(e => !e.IsSimulated).Chunk(MaxEventsPerRequest))
        {
            try
            {
                await SendAsync(chunk, cancellationToken).ConfigureAwait(false);
                HelpServerTelemetry.EventsSent.Add(chunk.Length);
            }
            catch (HelpServerException ex)
            {
                HelpServerTelemetry.EventsDropped.Add(chunk.Length, new KeyValuePair<string, object?>("helpwidget.drop.reason", ex.IsUnavailable ? "unavailable" : "refused"));
                failure ??= ex;
            }
        }

        if (failure is not null)
        {
            // The writer counts and logs the batch as lost for this sink.
            throw failure;
        }
    }

    private async Task SendAsync(HelpEvent[] events, CancellationToken cancellationToken)
    {
        var body = new EventsBody { Events = [.. events.Select(ToWire)] };
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = JsonContent.Create(body, HelpServerJsonContext.Default.EventsBody) };
        using var response = await client.SendAsync(Endpoint, message, user: null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await client.RefusedAsync(Endpoint, response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The route as the server takes it: a path with white space, quotes, angle brackets and back slashes
    /// percent-encoded (a scrubbed route can hold "[personal number]"); anything that is not a path is left out.
    /// </summary>
    internal static string? ForServer(string? route)
    {
        if (route is null || !route.StartsWith('/') || route.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(route.Length);
        foreach (var c in route)
        {
            if (char.IsWhiteSpace(c) || c is '\\' or '<' or '>' or '"' or '\'' or '`')
            {
                builder.Append(Uri.EscapeDataString(c.ToString()));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Length <= 2048 ? builder.ToString() : null;
    }

    private static EventBody ToWire(HelpEvent e) => new()
    {
        Kind = JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()),
        OccurredAt = e.OccurredAt,
        SessionId = e.SessionId,
        Language = e.Language,
        Route = ForServer(e.Route),
        ArticleId = e.ArticleId,
        Query = e.Query,
        ResultCount = e.ResultCount,
        Source = e.Kind == HelpEventKind.ArticleViewed ? JsonNamingPolicy.CamelCase.ConvertName(e.Source.ToString()) : null,
        Helpful = e.Helpful,
        Reason = e.Reason,
        AnnouncementId = e.AnnouncementId,
    };
}
