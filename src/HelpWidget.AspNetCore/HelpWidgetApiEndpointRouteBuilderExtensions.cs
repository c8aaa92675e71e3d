using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore;

/// <summary>Maps the HelpWidget HTTP API.</summary>
public static class HelpWidgetApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the HelpWidget HTTP API under <paramref name="prefix"/>: <c>GET search</c>, <c>GET suggestions</c>,
    /// <c>GET areas</c>, <c>GET articles/{id}</c>, <c>POST feedback</c>, <c>GET announcements</c>,
    /// <c>POST announcements/{id}/dismissal</c>, <c>POST tickets</c>, <c>GET tickets/{reference}</c> and <c>POST events</c> (insight events of remote widgets). Each answers
    /// for the caller's user (<c>HttpContext.User</c>, read by <see cref="HelpUser.FromClaims"/>), so articles and
    /// announcements outside the caller's audiences are never returned; every error is a ProblemDetails response.
    /// Posts from another site's page are refused unless its origin is in <see cref="HelpWidgetApiOptions.AllowedOrigins"/>,
    /// and the endpoints require the CORS policy <see cref="HelpWidgetApiCorsPolicy.Name"/> (call <c>app.UseCors()</c>
    /// when other sites' pages call the API). Register the services with <c>AddHelpWidgetApi()</c>.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder.</param>
    /// <param name="prefix">The path the API is mapped under, starting with <c>/</c>. Defaults to <c>/helpwidget/api</c>.</param>
    /// <returns>A builder for conventions on every endpoint of the API, such as <c>RequireAuthorization()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> does not start with <c>/</c>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddHelpWidgetApi()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapHelpWidgetApi(this IEndpointRouteBuilder endpoints, string prefix = "/helpwidget/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!prefix.StartsWith('/'))
        {
            throw new ArgumentException("The prefix must be a path that starts with '/', such as /helpwidget/api.", nameof(prefix));
        }

        if (endpoints.ServiceProvider.GetService<AspNetCoreHelpWidgetBuilderExtensions.ApiMarker>() is null)
        {
            throw new InvalidOperationException("MapHelpWidgetApi() needs the API's services: call builder.Services.AddHelpWidget().AddHelpWidgetApi().");
        }

        var group = endpoints.MapGroup(prefix);
        group.RequireCors(HelpWidgetApiCorsPolicy.Name);

        // Names, summaries and the error statuses describe the API in an OpenAPI document when the host generates one;
        // the success types come from the handlers' TypedResults unions.
        group.WithTags("HelpWidget");
        group.MapGet("search", ApiEndpoints.SearchAsync)
            .WithName("HelpWidgetSearch")
            .WithSummary("Searches the articles the caller may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(ApiEndpoints.Guard("search"))
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Search);
        group.MapGet("suggestions", ApiEndpoints.SuggestAsync)
            .WithName("HelpWidgetSuggestions")
            .WithSummary("Suggests articles for a page or context.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(ApiEndpoints.Guard("suggestions"))
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Search);
        group.MapGet("areas", AreaEndpoints.GetAreasAsync)
            .WithName("HelpWidgetAreas")
            .WithSummary("Lists the areas the caller can browse, with the number of articles the caller may see in each.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(ApiEndpoints.Guard("areas"))
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Search);
        group.MapGet("articles/{id}", ApiEndpoints.GetArticleAsync)
            .WithName("HelpWidgetArticle")
            .WithSummary("Gets an article by its id, in the requested language.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddEndpointFilter(ApiEndpoints.Guard("article"));
        group.MapPost("feedback", ApiEndpoints.SaveFeedbackAsync)
            .WithName("HelpWidgetFeedback")
            .WithSummary("Records whether an article helped.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(ApiEndpoints.Guard("feedback"))
            .AddEndpointFilter(CrossSiteRequests.RefuseForeignOriginAsync)
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Feedback);
        group.MapGet("announcements", ApiEndpoints.GetAnnouncementsAsync)
            .WithName("HelpWidgetAnnouncements")
            .WithSummary("Lists the announcements scheduled now for the caller, outages first; with all=true in every language and for every page.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddEndpointFilter(ApiEndpoints.Guard("announcements"));
        group.MapPost("announcements/{id}/dismissal", ApiEndpoints.DismissAnnouncementAsync)
            .WithName("HelpWidgetAnnouncementDismissal")
            .WithSummary("Dismisses an announcement for the signed-in caller.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(ApiEndpoints.Guard("dismissal"))
            .AddEndpointFilter(CrossSiteRequests.RefuseForeignOriginAsync)
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Feedback);
        group.MapPost("tickets", TicketEndpoints.CreateAsync)
            .WithName("HelpWidgetTicket")
            .WithSummary("Sends a ticket: multipart/form-data with a JSON 'ticket' part and 'files' parts.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(ApiEndpoints.Guard("tickets"))
            .AddEndpointFilter(CrossSiteRequests.RefuseForeignOriginAsync)
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Tickets)

            // The form is read by the handler, not bound; the origin check above stands in for form tokens, which a script-driven client cannot fetch.
            .DisableAntiforgery();
        group.MapPost("events", EventEndpoints.RecordAsync)
            .WithName("HelpWidgetEvents")
            .WithSummary("Records a batch of insight events from a remote widget, for the caller's user.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(ApiEndpoints.Guard("events"))
            .AddEndpointFilter(CrossSiteRequests.RefuseForeignOriginAsync)
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Events);
        group.MapGet("tickets/{reference}", TicketEndpoints.GetAsync)
            .WithName("HelpWidgetTicketView")
            .WithSummary("Shows a ticket to the user who sent it.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddEndpointFilter(ApiEndpoints.Guard("ticket"));

        // Anything else under the prefix (a traversal the server resolved, an id with a slash) is a ProblemDetails 404 too.
        group.Map("{**path}", ApiEndpoints.NotFound).ExcludeFromDescription();
        return group;
    }
}
