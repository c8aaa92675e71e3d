using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace HelpWidget.Delivery;

/// <summary>POSTs each ticket as signed JSON; 2xx is delivered, 4xx other than 408 and 429 is permanent, anything else is retried.</summary>
internal sealed class WebhookTicketSink(IHttpClientFactory httpClientFactory, IOptions<WebhookSinkOptions> options, TimeProvider timeProvider) : ITicketSink
{
    public const string HttpClientName = "HelpWidget.Webhook";

    public string Name => WebhookSinkOptions.SinkName;

    public async Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        var body = WebhookPayload.Serialize(delivery);
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Idempotency-Key", delivery.IdempotencyKey);
        request.Headers.Add("X-HelpWidget-Timestamp", timestamp);
        request.Headers.Add("X-HelpWidget-Signature", "sha256=" + WebhookPayload.Sign(settings.Secret!, timestamp, body));

        using var timeout = new CancellationTokenSource(settings.Timeout ?? Timeout.InfiniteTimeSpan, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TicketDeliveryException($"The webhook did not answer within {settings.Timeout}.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new TicketDeliveryException($"The webhook could not be reached: {exception.Message}", exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var permanent = status is >= 400 and < 500 && response.StatusCode is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests;
            throw new TicketDeliveryException(
                string.Create(CultureInfo.InvariantCulture, $"The webhook answered {status} {response.ReasonPhrase}."))
            {
                IsPermanent = permanent,
            };
        }
    }
}
