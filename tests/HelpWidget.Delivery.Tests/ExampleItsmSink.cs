using System.Net;
using System.Net.Http.Json;

namespace HelpWidget.Delivery.Tests;

// The sink for an ITSM system exactly as docs/delivery.md shows it (DocumentationTests keeps the two the same).
// <sink>
/// <summary>Creates an incident in an ITSM system's REST API for each ticket.</summary>
public sealed class ItsmTicketSink(IHttpClientFactory httpClientFactory) : ITicketSink
{
    public string Name => "itsm";

    public async Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken)
    {
        var ticket = delivery.Submission;
        var incident = new
        {
            // The system's own idempotency or correlation field: a repeated delivery finds the incident it created.
            correlationId = delivery.IdempotencyKey,
            shortDescription = ticket.Subject,
            description = ticket.Description,
            category = ticket.Category,
            caller = ticket.Email,
            externalReference = delivery.Reference,
        };

        var http = httpClientFactory.CreateClient("itsm");
        using var response = await http.PostAsJsonAsync("api/incidents", incident, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Conflict || response.IsSuccessStatusCode)
        {
            return; // 409: the incident with this correlation id exists already, so the ticket is delivered.
        }

        var status = (int)response.StatusCode;
        throw new TicketDeliveryException($"The ITSM API answered {status}.")
        {
            // A rejected incident will be rejected again: send it to the dead letters for a person to look at.
            IsPermanent = status is >= 400 and < 500 and not 408 and not 429,
        };
    }
}
// </sink>
