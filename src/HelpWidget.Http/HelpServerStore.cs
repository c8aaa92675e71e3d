using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HelpWidget.Http;

/// <summary>
/// Sends tickets (multipart, with the idempotency key, so a retried post stores one ticket) and feedback to the help
/// server, and reads a ticket back for its sender. The server takes the sender from the call's credentials.
/// </summary>
internal sealed class HelpServerStore(HelpServerClient client) : IHelpStore
{
    public async Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);

        // The rules every store enforces, checked before anything travels.
        ticket.Validate();
        var body = new TicketBody
        {
            IdempotencyKey = ticket.IdempotencyKey,
            Subject = ticket.Subject,
            Description = ticket.Description,
            Name = ticket.Name,
            Email = ticket.Email,
            Category = ticket.Category,
            Fields = ticket.Fields.Count == 0 ? null : ticket.Fields,
            Language = ticket.Language,
            Route = ticket.Route,

            // What the widget gathered (searches tried, articles read, its app); the server adds who sent it and from where.
            Context = ticket.Context.Count == 0 ? null : ticket.Context,
        };

        // Buffered parts: each retry of the resilience handler sends the same bytes again.
        using var content = new MultipartFormDataContent();
        var json = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, HelpServerJsonContext.Default.TicketBody));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Add(json, "ticket");
        foreach (var attachment in ticket.Attachments)
        {
            var file = new ReadOnlyMemoryContent(attachment.Content);
            file.Headers.ContentType = MediaTypeHeaderValue.TryParse(attachment.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "files", attachment.FileName);
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, "tickets") { Content = content };
        using var response = await client.SendAsync("tickets", message, user: null, cancellationToken).ConfigureAwait(false);
        return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK
            ? await client.ReadAsync("tickets", response, HelpServerJsonContext.Default.TicketReceipt, cancellationToken).ConfigureAwait(false)
            : throw await client.RefusedAsync("tickets", response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!ApiQuery.IsId(reference))
        {
            return null;
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, "tickets/" + Uri.EscapeDataString(reference));
        using var response = await client.SendAsync("ticket", message, user: null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await client.RefusedAsync("ticket", response, cancellationToken).ConfigureAwait(false);
        }

        var view = await client.ReadAsync("ticket", response, HelpServerJsonContext.Default.TicketView, cancellationToken).ConfigureAwait(false);

        // The server shows its sender what they sent, not the contact details or the files' content it keeps.
        return new StoredTicket
        {
            Reference = view.Reference,
            Submission = new TicketSubmission
            {
                IdempotencyKey = string.Empty,
                Subject = view.Subject,
                Description = view.Description,
                Name = string.Empty,
                Email = string.Empty,
                Category = view.Category,
                SubmittedAt = view.SubmittedAt,
                Attachments = [.. view.Attachments.Select(name => new TicketAttachment { FileName = name, ContentType = "application/octet-stream", Content = ReadOnlyMemory<byte>.Empty })],
            },
        };
    }

    public async Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback.Validate();
        var body = new FeedbackBody
        {
            FeedbackId = feedback.FeedbackId,
            ArticleId = feedback.ArticleId,
            Language = feedback.Language,
            Helpful = feedback.Helpful,
            Reason = feedback.Reason,
            Comment = feedback.Comment,
            Route = feedback.Route,
            Query = feedback.Query,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, "feedback") { Content = JsonContent.Create(body, HelpServerJsonContext.Default.FeedbackBody) };
        using var response = await client.SendAsync("feedback", message, user: null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await client.RefusedAsync("feedback", response, cancellationToken).ConfigureAwait(false);
        }
    }
}
