using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>
/// <c>POST tickets</c> (multipart: a <c>ticket</c> JSON part and <c>files</c>) and <c>GET tickets/{reference}</c>,
/// which shows a ticket only to the user who sent it.
/// </summary>
internal static class TicketEndpoints
{
    /// <summary>The context entry that records who sent a ticket, so that only they can read it back.</summary>
    public const string SenderKey = "userId";

    private const string Endpoint = "tickets";

    public static async Task<Results<Created<TicketReceipt>, Ok<TicketReceipt>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        HttpContext http,
        [FromServices] IHelpStore store,
        [FromServices] ITicketAttachmentInspector inspector,
        [FromServices] IOptions<HelpWidgetOptions> engine,
        [FromServices] IOptions<TicketAttachmentOptions> attachmentOptions,
        [FromServices] IOptions<HelpWidgetApiOptions> options,
        [FromServices] IPersonalDataScrubber scrubber,
        [FromServices] IHostEnvironment environment,
        [FromServices] TimeProvider time,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var user = HelpUser.FromClaims(http.User);
        if (user.Id is null && !options.Value.AllowAnonymousTickets)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status401Unauthorized, "sign_in_required");
        }

        if (!http.Request.HasFormContentType || !(http.Request.ContentType ?? string.Empty).StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status415UnsupportedMediaType, "multipart_required");
        }

        // The attachments the form allows, plus room for the ticket's text.
        var limit = attachmentOptions.Value.MaxTotalBytes + (1024 * 1024);
        if (http.Request.ContentLength > limit)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status413PayloadTooLarge, "body_too_large", limit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        IFormCollection form;
        TicketBody? body;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
            var json = form["ticket"].ToString();
            body = json.Length == 0 ? null : JsonSerializer.Deserialize(json, HelpWidgetApiJsonContext.Default.TicketBody);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status413PayloadTooLarge, "body_too_large", limit);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "malformed_json");
        }

        if (body is null)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "malformed_json");
        }

        var context = new HelpContext { Route = body.Route };
        var contact = engine.Value.Contact;
        if (!contact.TicketForm || contact.PolicyFor(context, user) == ContactPolicy.Never)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status403Forbidden, "tickets_not_offered");
        }

        var uploads = new List<AttachmentUpload>();
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            uploads.Add(await AttachmentUpload.ReadAsync(file.FileName, stream, attachmentOptions.Value.MaxFileBytes, cancellationToken));
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var inspection = inspector.Inspect(uploads);
        if (!inspection.IsValid)
        {
            errors["files"] = [.. inspection.Problems.Select(p => Describe(p))];
        }

        var ticket = new TicketSubmission
        {
            IdempotencyKey = body.IdempotencyKey ?? string.Empty,
            Subject = body.Subject ?? string.Empty,
            Description = body.Description ?? string.Empty,
            Name = body.Name ?? user.DisplayName ?? string.Empty,
            Email = body.Email ?? user.Email ?? string.Empty,
            Category = body.Category,
            Fields = body.Fields ?? [],
            Attachments = inspection.Attachments,
            Language = body.Language,
            Route = body.Route,
            Context = Context(user, body, engine.Value, environment, scrubber),
            SubmittedAt = time.GetUtcNow(),
        };
        try
        {
            ticket.Validate();
        }
        catch (ArgumentException ex)
        {
            errors[JsonNamingPolicy.CamelCase.ConvertName(ex.ParamName ?? "ticket")] = [ex.Message];
        }

        if (errors.Count > 0)
        {
            ApiTelemetry.Rejected(Endpoint, "invalid_ticket");
            var details = ApiProblems.Create(http, StatusCodes.Status400BadRequest, "invalid_ticket");
            return TypedResults.ValidationProblem(errors, details.Detail, details.Instance, details.Title, extensions: details.Extensions);
        }

        var receipt = await store.SaveTicketAsync(ticket, cancellationToken);
        if (receipt.Created)
        {
            Log.TicketStored(loggerFactory.CreateLogger(ApiTelemetry.Name), receipt.Reference, ticket.Attachments.Count);
            return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path}/{Uri.EscapeDataString(receipt.Reference)}", receipt);
        }

        // A retry of the sender's own ticket gets its receipt; someone else's idempotency key tells nothing.
        var stored = await store.GetTicketAsync(receipt.Reference, cancellationToken);
        return stored is not null && IsSender(stored, user, ticket)
            ? TypedResults.Ok(receipt)
            : ApiInput.Refuse(http, Endpoint, StatusCodes.Status409Conflict, "idempotency_key_in_use");
    }

    public static async Task<Results<Ok<TicketView>, ProblemHttpResult>> GetAsync(
        HttpContext http,
        [FromServices] IHelpStore store,
        string reference,
        CancellationToken cancellationToken)
    {
        var user = HelpUser.FromClaims(http.User);
        if (user.Id is null)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status401Unauthorized, "sign_in_required");
        }

        var stored = ApiInput.IsId(reference) ? await store.GetTicketAsync(reference, cancellationToken) : null;
        if (stored is null || !stored.Submission.Context.TryGetValue(SenderKey, out var sender) || !string.Equals(sender, user.Id, StringComparison.Ordinal))
        {
            // Another user's ticket answers as a missing one, so references cannot be probed.
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status404NotFound, "ticket_not_found");
        }

        var submission = stored.Submission;
        return TypedResults.Ok(new TicketView
        {
            Reference = stored.Reference,
            Subject = submission.Subject,
            Description = submission.Description,
            Category = submission.Category,
            SubmittedAt = submission.SubmittedAt,
            Attachments = [.. submission.Attachments.Select(a => a.FileName)],
        });
    }

    private static bool IsSender(StoredTicket stored, HelpUser user, TicketSubmission ticket) =>
        user.Id is not null
            ? stored.Submission.Context.TryGetValue(SenderKey, out var sender) && string.Equals(sender, user.Id, StringComparison.Ordinal)
            : !stored.Submission.Context.ContainsKey(SenderKey) && string.Equals(stored.Submission.Email, ticket.Email, StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> Context(HelpUser user, TicketBody body, HelpWidgetOptions engine, IHostEnvironment environment, IPersonalDataScrubber scrubber)
    {
        // What the sender's widget sent (searches tried, articles read, its app) is free text, scrubbed as the panel scrubs
        // it; the entries that say who sent the ticket and from where are the server's and overwrite anything sent.
        var context = body.Context is { Count: > 0 } sent
            ? new Dictionary<string, string>(scrubber.ScrubValues(sent), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        context.TryAdd("app", engine.ApplicationName ?? environment.ApplicationName);
        context["page"] = body.Route ?? "/";
        context["culture"] = body.Language ?? engine.DefaultLanguage;
        context["channel"] = "api";
        if (user.Id is not null)
        {
            context[SenderKey] = user.Id;
        }
        else
        {
            context.Remove(SenderKey);
        }

        return context;
    }

    private static string Describe(AttachmentProblem problem) => problem.Code switch
    {
        AttachmentProblemCode.Empty => $"File {problem.FileIndex + 1} is empty.",
        AttachmentProblemCode.TooLarge => $"File {problem.FileIndex + 1} is larger than {problem.Limit} bytes.",
        AttachmentProblemCode.TypeNotAllowed => $"File {problem.FileIndex + 1} is of a type that is not accepted.",
        AttachmentProblemCode.TypeMismatch => $"File {problem.FileIndex + 1} does not hold what its name says.",
        AttachmentProblemCode.TooMany => $"More than {problem.Limit} files.",
        AttachmentProblemCode.TotalTooLarge => $"The files together are larger than {problem.Limit} bytes.",
        _ => "A file is not accepted.",
    };
}
