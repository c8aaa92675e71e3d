using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HelpWidget.Delivery.Tests;

// The receiving endpoint exactly as docs/delivery.md shows it (DocumentationTests keeps the two the same).
// <endpoint>
/// <summary>A help desk's endpoint for HelpWidget tickets: verifies the signature, then creates one case per idempotency key.</summary>
public static class HelpDeskEndpoint
{
    public static RouteHandlerBuilder MapHelpWidgetTickets(this IEndpointRouteBuilder app, string secret, ConcurrentDictionary<string, JsonElement> cases) =>
        app.MapPost("/helpwidget/tickets", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (!WebhookSignature.Verify(secret, request.Headers["X-HelpWidget-Timestamp"], request.Headers["X-HelpWidget-Signature"], body, TimeProvider.System.GetUtcNow()))
            {
                return Results.Unauthorized();
            }

            // At least once: the same ticket can arrive again. Its key creates the case once; a repeat changes nothing.
            var key = request.Headers["Idempotency-Key"].ToString();
            using var ticket = JsonDocument.Parse(body);
            cases.TryAdd(key, ticket.RootElement.Clone());
            return Results.Ok();
        });
}
// </endpoint>
