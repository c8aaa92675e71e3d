using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpWidget.Insights;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>
/// <c>POST events</c>: insight events recorded by a widget that runs elsewhere (a WebAssembly app, a server app that
/// calls this help server), checked and handed to the same recorder the in-process widget uses, so they are hashed,
/// scrubbed and stored exactly as its own. The user is the request's authenticated identity (the app's sign-in or an
/// embed token), never a value in the body.
/// </summary>
internal static partial class EventEndpoints
{
    /// <summary>The most events one request may carry.</summary>
    public const int MaxEventsPerRequest = 100;

    /// <summary>How old an event may be: a client sends what it recorded within seconds, or drops it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    /// <summary>How far ahead of the server's clock an event may be (a client's clock that runs fast).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The most field errors listed in one answer.</summary>
    private const int MaxErrors = 20;

    private const string Endpoint = "events";

    public static async Task<Results<Accepted<EventsReceipt>, ProblemHttpResult, ValidationProblem>> RecordAsync(
        HttpContext http,
        [FromServices] HelpEventRecorder recorder,
        [FromServices] TimeProvider time,
        [FromServices] IOptions<HelpWidgetApiOptions> options,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync(http, options.Value.MaxJsonBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Events is not { Count: > 0 } events)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "required", "events");
        }

        if (events.Count > MaxEventsPerRequest)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "too_many_events", MaxEventsPerRequest);
        }

        var now = time.GetUtcNow();
        var userId = http.User.Identity?.IsAuthenticated == true ? HelpUser.FromClaims(http.User).Id : null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var pending = new List<PendingEvent>(events.Count);
        for (var i = 0; i < events.Count && errors.Count < MaxErrors; i++)
        {
            if (Check(http, events[i], now, $"events[{i}]", errors) is { } valid)
            {
                pending.Add(ToPending(valid, userId));
            }
        }

        if (errors.Count > 0)
        {
            ApiTelemetry.Rejected(Endpoint, "invalid_events");
            var details = ApiProblems.Create(http, StatusCodes.Status400BadRequest, "invalid_events");
            return TypedResults.ValidationProblem(errors, details.Detail, details.Instance, details.Title, extensions: details.Extensions);
        }

        var accepted = 0;
        foreach (var helpEvent in pending)
        {
            if (recorder.Record(helpEvent))
            {
                accepted++;
            }
        }

        Activity.Current?.SetTag("helpwidget.events.count", pending.Count);
        ApiTelemetry.EventsReceived.Add(accepted, ApiTelemetry.Outcome("recorded"));
        ApiTelemetry.EventsReceived.Add(pending.Count - accepted, ApiTelemetry.Outcome(recorder.IsEnabled ? "buffer_full" : "recording_off"));
        return TypedResults.Accepted((string?)null, new EventsReceipt { Accepted = accepted });
    }

    /// <summary>Checks one event; adds what breaks a rule to <paramref name="errors"/>, keyed by the field's path.</summary>
    private static Checked? Check(HttpContext http, EventBody? body, DateTimeOffset now, string path, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        void Error(string field, string code, params object[] arguments) =>
            errors[$"{path}.{field}"] = [ApiProblems.Message(http, code, arguments)];

        if (body is null)
        {
            errors[path] = [ApiProblems.Message(http, "required", path)];
            return null;
        }

        var kind = default(HelpEventKind);
        if (body.Kind is null)
        {
            Error("kind", "required", "kind");
        }
        else if (!TryParseName(body.Kind, out kind))
        {
            Error("kind", "unknown_kind");
        }

        var source = HelpArticleSource.Unknown;
        if (body.Source is not null && !TryParseName(body.Source, out source))
        {
            Error("source", "unknown_source");
        }

        if (body.OccurredAt is not { } at)
        {
            Error("occurredAt", "required", "occurredAt");
        }
        else if (at < now - MaxAge || at > now + MaxClockSkew)
        {
            Error("occurredAt", "time_out_of_range", (int)MaxAge.TotalHours, (int)MaxClockSkew.TotalMinutes);
        }

        if (body.SessionId is null)
        {
            Error("sessionId", "required", "sessionId");
        }
        else if (!SessionIdPattern().IsMatch(body.SessionId))
        {
            Error("sessionId", "invalid_session_id");
        }

        if (!string.IsNullOrEmpty(body.Language) && ApiInput.CheckLanguageText(body.Language) is false)
        {
            Error("language", "invalid_language");
        }

        if (body.Route is not null)
        {
            CheckText(body.Route, "route", ApiInput.MaxRouteLength, Error);
            if (!errors.ContainsKey($"{path}.route") && !ApiInput.IsRoute(body.Route))
            {
                Error("route", "invalid_route");
            }
        }

        CheckText(body.Query, "query", HelpEvent.MaxQueryLength, Error);
        CheckText(body.Reason, "reason", 100, Error);
        CheckId(body.ArticleId, "articleId", Error);
        CheckId(body.AnnouncementId, "announcementId", Error);
        if (body.ResultCount is < 0 or > SearchRequest.MaxResultsLimit * 10)
        {
            Error("resultCount", "invalid_count", SearchRequest.MaxResultsLimit * 10);
        }

        if (errors.Count > before)
        {
            return null;
        }

        // What each kind needs; fields of other kinds are left out of the event.
        switch (kind)
        {
            case HelpEventKind.Search or HelpEventKind.ZeroResultSearch:
                if (string.IsNullOrWhiteSpace(body.Query))
                {
                    Error("query", "required", "query");
                }

                if (body.ResultCount is not { } count || (kind == HelpEventKind.ZeroResultSearch) != (count == 0))
                {
                    Error("resultCount", "invalid_count", SearchRequest.MaxResultsLimit * 10);
                }

                break;
            case HelpEventKind.ArticleViewed or HelpEventKind.Vote or HelpEventKind.DeflectionConfirmed:
                if (body.ArticleId is null)
                {
                    Error("articleId", "required", "articleId");
                }

                if (kind == HelpEventKind.Vote && body.Helpful is null)
                {
                    Error("helpful", "required", "helpful");
                }

                break;
            case HelpEventKind.AnnouncementShown or HelpEventKind.AnnouncementDismissed:
                if (body.AnnouncementId is null)
                {
                    Error("announcementId", "required", "announcementId");
                }

                break;
        }

        return errors.Count > before ? null : new Checked(kind, source, body);
    }

    private static void CheckText(string? value, string field, int maxLength, Action<string, string, object[]> error)
    {
        var problem = InputRules.CheckText(value, maxLength, required: false);
        if (problem != InputProblem.None)
        {
            var (code, arguments) = ApiProblems.ForInput(problem, field, maxLength);
            error(field, code, arguments);
        }
    }

    private static void CheckId(string? value, string field, Action<string, string, object[]> error)
    {
        if (value is not null && !ApiInput.IsId(value))
        {
            error(field, "invalid_id", [field]);
        }
    }

    /// <summary>
    /// The event as the recorder takes it: the user from the request's identity; an anonymous caller is hashed from
    /// its session id. The session id is derived from the caller's and the identity, so no caller can add events to
    /// another user's session.
    /// </summary>
    private static PendingEvent ToPending(Checked valid, string? userId)
    {
        var (kind, source, body) = valid;
        var identity = userId is null ? "anonymous" : "user:" + userId;
        var sessionId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("remote-session\n" + identity + "\n" + body.SessionId)).AsSpan(0, 16));
        var pending = new PendingEvent(kind, body.OccurredAt!.Value.ToUniversalTime(), userId, "remote:" + body.SessionId, sessionId)
        {
            Language = string.IsNullOrEmpty(body.Language) ? null : body.Language,
            Route = body.Route,
        };
        return kind switch
        {
            HelpEventKind.Search or HelpEventKind.ZeroResultSearch => pending with { RawQuery = body.Query, ResultCount = body.ResultCount },
            HelpEventKind.SuggestionShown => pending with { ResultCount = body.ResultCount },
            HelpEventKind.ArticleViewed => pending with { ArticleId = body.ArticleId, Source = source },
            HelpEventKind.Vote => pending with { ArticleId = body.ArticleId, Helpful = body.Helpful, Reason = body.Helpful == false ? body.Reason : null },
            HelpEventKind.DeflectionConfirmed => pending with { ArticleId = body.ArticleId },
            HelpEventKind.AnnouncementShown or HelpEventKind.AnnouncementDismissed => pending with { AnnouncementId = body.AnnouncementId },
            _ => pending,
        };
    }

    /// <summary>Reads an enum by its name (any case), never by a number, and only a defined one.</summary>
    private static bool TryParseName<TEnum>(string value, out TEnum result)
        where TEnum : struct, Enum
    {
        result = default;
        return value.Length is > 0 and <= 40
            && value.All(char.IsAsciiLetter)
            && Enum.TryParse(value, ignoreCase: true, out result)
            && Enum.IsDefined(result);
    }

    private static async Task<(EventsBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, int limit, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, ApiInput.Refuse(http, Endpoint, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type"));
        }

        if (http.Request.ContentLength > limit)
        {
            return (null, ApiInput.Refuse(http, Endpoint, StatusCodes.Status413PayloadTooLarge, "body_too_large", limit));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            var body = await http.Request.ReadFromJsonAsync(HelpWidgetApiJsonContext.Default.EventsBody, cancellationToken);
            return body is null
                ? (null, ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "malformed_json"))
                : (body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiInput.Refuse(http, Endpoint, StatusCodes.Status413PayloadTooLarge, "body_too_large", limit));
        }
        catch (JsonException)
        {
            return (null, ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "malformed_json"));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{8,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SessionIdPattern();

    private sealed record Checked(HelpEventKind Kind, HelpArticleSource Source, EventBody Body);
}
