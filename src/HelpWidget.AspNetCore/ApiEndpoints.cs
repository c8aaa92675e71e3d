using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>
/// The handlers behind <see cref="HelpWidgetApiEndpointRouteBuilderExtensions.MapHelpWidgetApi"/>. They ask the
/// provider, the store and the announcement service exactly as the panel does in-process, for the caller's user.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>The panel's number of context suggestions.</summary>
    public const int DefaultSuggestions = 5;

    /// <summary>The panel's number of related articles looked up (HelpArticleView.MaxRelated).</summary>
    public const int MaxRelated = 5;

    public static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(
        HttpContext http,
        [FromServices] IKnowledgeProvider provider,
        [FromServices] IOptions<HelpWidgetOptions> options,
        string? q,
        string? lang,
        string? route,
        string[]? keys,
        string[]? tags,
        string? max,
        string? typing,
        string? area,
        CancellationToken cancellationToken)
    {
        const string Endpoint = "search";
        var problem = ApiInput.CheckText(http, Endpoint, q, "q", ApiInput.MaxQueryLength) ?? ApiInput.CheckLanguage(http, Endpoint, lang);
        problem ??= AreaEndpoints.CheckArea(http, Endpoint, area);
        HelpContext context = HelpContext.None;
        var count = 0;
        problem ??= ApiInput.TryReadContext(http, Endpoint, route, keys, tags, out context);
        problem ??= ApiInput.TryReadMax(http, Endpoint, max, options.Value.MaxResults, out count);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await provider.SearchAsync(
            new SearchRequest
            {
                Query = q ?? string.Empty,
                Language = Language(lang),
                Context = context,
                User = HelpUser.FromClaims(http.User),
                MaxResults = count,
                // Any other value is the full ranking: the flag only ever makes an answer quicker, never refuses one.
                AsYouType = string.Equals(typing, "true", StringComparison.OrdinalIgnoreCase),
                Area = area,
            },
            cancellationToken));
    }

    public static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SuggestAsync(
        HttpContext http,
        [FromServices] IKnowledgeProvider provider,
        string? lang,
        string? route,
        string[]? keys,
        string[]? tags,
        string? max,
        CancellationToken cancellationToken)
    {
        const string Endpoint = "suggestions";
        var problem = ApiInput.CheckLanguage(http, Endpoint, lang);
        HelpContext context = HelpContext.None;
        var count = 0;
        problem ??= ApiInput.TryReadContext(http, Endpoint, route, keys, tags, out context);
        problem ??= ApiInput.TryReadMax(http, Endpoint, max, DefaultSuggestions, out count);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await provider.SuggestAsync(
            new SearchRequest { Language = Language(lang), Context = context, User = HelpUser.FromClaims(http.User), MaxResults = count },
            cancellationToken));
    }

    public static async Task<Results<Ok<HelpArticle>, ProblemHttpResult>> GetArticleAsync(
        HttpContext http,
        [FromServices] IKnowledgeProvider provider,
        string id,
        string? lang,
        CancellationToken cancellationToken)
    {
        const string Endpoint = "article";
        if (ApiInput.CheckLanguage(http, Endpoint, lang) is { } problem)
        {
            return problem;
        }

        var user = HelpUser.FromClaims(http.User);
        var article = await VisibleArticleAsync(provider, id, user, Language(lang), cancellationToken);
        if (article is null)
        {
            // An article that does not exist and one the caller may not see answer alike.
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status404NotFound, "article_not_found");
        }

        var related = new List<string>();
        foreach (var relatedId in article.Related.Where(r => r != article.Id).Distinct(StringComparer.Ordinal).Take(MaxRelated))
        {
            if (await VisibleArticleAsync(provider, relatedId, user, Language(lang), cancellationToken) is not null)
            {
                related.Add(relatedId);
            }
        }

        return TypedResults.Ok(new HelpArticle
        {
            Id = article.Id,
            Language = article.Language,
            Title = article.Title,
            Summary = article.Summary,
            Html = article.Html,
            Text = article.Text,
            Tags = article.Tags,
            Contexts = article.Contexts,
            Audiences = article.Audiences,
            Area = article.Area,
            Related = related,
        });
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> SaveFeedbackAsync(
        HttpContext http,
        [FromServices] IKnowledgeProvider provider,
        [FromServices] IHelpStore store,
        [FromServices] IPersonalDataScrubber scrubber,
        [FromServices] TimeProvider time,
        [FromServices] IOptions<HelpWidgetApiOptions> options,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        const string Endpoint = "feedback";
        var (body, problem) = await ReadJsonAsync(http, Endpoint, options.Value.MaxJsonBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ArticleFeedback Feedback(string? query) => new()
        {
            FeedbackId = body!.FeedbackId,
            ArticleId = body.ArticleId ?? string.Empty,
            Language = body.Language ?? string.Empty,
            Helpful = body.Helpful ?? false,
            Reason = body.Reason,
            Comment = body.Comment,
            Route = body.Route,
            Query = query,
            CreatedAt = time.GetUtcNow(),
        };

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body!.Helpful is null)
        {
            errors["helpful"] = ["Helpful is required."];
        }

        try
        {
            // The same rules every store enforces, on what the caller sent before anything is changed.
            Feedback(body.Query).Validate();
        }
        catch (ArgumentException ex)
        {
            errors[JsonNamingPolicy.CamelCase.ConvertName(ex.ParamName ?? "body")] = [ex.Message];
        }

        if (errors.Count == 0 && ApiInput.CheckLanguage(http, Endpoint, body.Language) is not null)
        {
            errors["language"] = ["Language must be a language tag such as en or sv-SE."];
        }

        if (errors.Count > 0)
        {
            ApiTelemetry.Rejected(Endpoint, "invalid_feedback");
            var details = ApiProblems.Create(http, StatusCodes.Status400BadRequest, "invalid_feedback");
            return TypedResults.ValidationProblem(errors, details.Detail, details.Instance, details.Title, extensions: details.Extensions);
        }

        var user = HelpUser.FromClaims(http.User);
        if (await VisibleArticleAsync(provider, body.ArticleId!, user, body.Language, cancellationToken) is null)
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status404NotFound, "article_not_found");
        }

        var feedback = Feedback(scrubber.ScrubQuery(body.Query));
        await store.SaveFeedbackAsync(feedback, cancellationToken);
        Log.FeedbackStored(loggerFactory.CreateLogger(ApiTelemetry.Name), feedback.ArticleId);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IReadOnlyList<HelpAnnouncement>>, ProblemHttpResult>> GetAnnouncementsAsync(
        HttpContext http,
        [FromServices] HelpAnnouncementService announcements,
        [FromServices] TimeProvider time,
        string? lang,
        string? route,
        string[]? keys,
        string? all,
        CancellationToken cancellationToken)
    {
        const string Endpoint = "announcements";
        if (all is not (null or "false" or "true"))
        {
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "invalid_flag", "all");
        }

        if (all == "true")
        {
            if (lang is not null || route is not null || keys is { Length: > 0 })
            {
                return ApiInput.Refuse(http, Endpoint, StatusCodes.Status400BadRequest, "all_with_context");
            }

            return TypedResults.Ok(await AllAnnouncementsAsync(http, time, cancellationToken));
        }

        var problem = ApiInput.CheckLanguage(http, Endpoint, lang);
        HelpContext context = HelpContext.None;
        problem ??= ApiInput.TryReadContext(http, Endpoint, route, keys, null, out context);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await announcements.GetCurrentAsync(HelpUser.FromClaims(http.User), context, Language(lang), cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DismissAnnouncementAsync(
        HttpContext http,
        [FromServices] HelpAnnouncementService announcements,
        [FromServices] IAnnouncementSource source,
        string id,
        CancellationToken cancellationToken)
    {
        const string Endpoint = "dismissal";
        var user = HelpUser.FromClaims(http.User);
        if (!ApiInput.IsId(id) || !(await source.LoadAnnouncementsAsync(cancellationToken)).Any(a => a.Id == id && a.IsVisibleTo(user)))
        {
            // Only announcements the caller may see can be dismissed, so the store holds no made-up ids.
            return ApiInput.Refuse(http, Endpoint, StatusCodes.Status404NotFound, "announcement_not_found");
        }

        await announcements.DismissAsync(user, id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Every announcement scheduled now for the caller, in every language and for every page, without those the caller
    /// dismissed: what a client's own announcement service (HelpWidget.Http in WebAssembly) picks from by page and language.
    /// </summary>
    private static async Task<IReadOnlyList<HelpAnnouncement>> AllAnnouncementsAsync(HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = HelpUser.FromClaims(http.User);
        if (http.RequestServices.GetService<IAnnouncementSource>() is not { } source)
        {
            return [];
        }

        var loaded = await source.LoadAnnouncementsAsync(cancellationToken);
        IReadOnlySet<string> dismissed = user.Id is not null && http.RequestServices.GetService<IAnnouncementDismissals>() is { } dismissals
            ? await dismissals.GetDismissedAsync(user.Id, cancellationToken)
            : new HashSet<string>();
        var now = time.GetUtcNow();
        return [.. loaded
            .Where(a => a.IsActiveAt(now) && a.IsVisibleTo(user) && !dismissed.Contains(a.Id))
            .OrderByDescending(a => a.Severity)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .ThenBy(a => a.Language, StringComparer.Ordinal)];
    }

    public static ProblemHttpResult NotFound(HttpContext http) =>
        ApiInput.Refuse(http, "unknown", StatusCodes.Status404NotFound, "not_found");

    /// <summary>
    /// Traces each call and turns a failure into a ProblemDetails that tells nothing of its cause: 503 with
    /// <c>Retry-After</c> when the store could not be reached (a database error or a timeout: it passes, so the caller
    /// may try again), 500 otherwise.
    /// </summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Guard(string endpoint) => async (context, next) =>
    {
        using var activity = ApiTelemetry.Source.StartActivity("HelpWidget API " + endpoint);
        activity?.SetTag("helpwidget.endpoint", endpoint);
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && http.RequestAborted.IsCancellationRequested))
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            var unavailable = IsUnavailable(ex);
            Log.RequestFailed(
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(ApiTelemetry.Name),
                endpoint,
                unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
                ex);
            if (unavailable)
            {
                http.Response.Headers.RetryAfter = StoreRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ApiProblems.Result(http, StatusCodes.Status503ServiceUnavailable, "store_unavailable", StoreRetryAfterSeconds);
            }

            return ApiProblems.Result(http, StatusCodes.Status500InternalServerError, "server_error");
        }
    };

    /// <summary>The seconds a caller is asked to wait when the store could not be reached.</summary>
    private const int StoreRetryAfterSeconds = 5;

    /// <summary>Gets a value indicating whether a failure is the store being out of reach for a while, not a defect.</summary>
    private static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<HelpArticle?> VisibleArticleAsync(IKnowledgeProvider provider, string id, HelpUser user, string? language, CancellationToken cancellationToken)
    {
        if (!ApiInput.IsId(id))
        {
            return null;
        }

        var article = await provider.GetArticleAsync(new ArticleRequest(id) { User = user, Language = language }, cancellationToken);

        // Every provider must filter by audience; the API checks again, as a provider written elsewhere may not.
        return article is not null && article.IsVisibleTo(user) ? article : null;
    }

    private static async Task<(FeedbackBody? Body, ProblemHttpResult? Problem)> ReadJsonAsync(HttpContext http, string endpoint, int limit, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, ApiInput.Refuse(http, endpoint, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type"));
        }

        if (http.Request.ContentLength > limit)
        {
            return (null, ApiInput.Refuse(http, endpoint, StatusCodes.Status413PayloadTooLarge, "body_too_large", limit));
        }

        // A body sent without a length is cut off by the server at the same limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            var body = await http.Request.ReadFromJsonAsync(HelpWidgetApiJsonContext.Default.FeedbackBody, cancellationToken);
            return body is null
                ? (null, ApiInput.Refuse(http, endpoint, StatusCodes.Status400BadRequest, "malformed_json"))
                : (body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiInput.Refuse(http, endpoint, StatusCodes.Status413PayloadTooLarge, "body_too_large", limit));
        }
        catch (JsonException)
        {
            return (null, ApiInput.Refuse(http, endpoint, StatusCodes.Status400BadRequest, "malformed_json"));
        }
    }

    private static string? Language(string? lang) => string.IsNullOrEmpty(lang) ? null : lang;
}
