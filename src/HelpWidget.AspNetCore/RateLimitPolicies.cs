using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>A fixed window per caller: the signed-in user's id, else the remote IP address.</summary>
internal static class CallerRateLimit
{
    public static RateLimitPartition<string> Partition(HttpContext http, int permitLimit, TimeSpan window)
    {
        var user = http.User.Identity?.IsAuthenticated == true ? HelpUser.FromClaims(http.User).Id : null;
        var key = user is not null ? "user:" + user : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        });
    }

    /// <summary>Answers 429 with <c>Retry-After</c> and a ProblemDetails body, whatever status the app set for other policies.</summary>
    public static async ValueTask RejectAsync(OnRejectedContext context, string policy, TimeSpan window, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        ApiTelemetry.RateLimitRejections.Add(1, new KeyValuePair<string, object?>("helpwidget.policy", policy));
        Log.RateLimited(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(ApiTelemetry.Name), policy, seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Result(http, StatusCodes.Status429TooManyRequests, "rate_limited", seconds).ExecuteAsync(http);
    }
}

internal sealed class SearchRateLimitPolicy(IOptions<HelpWidgetApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected =>
        (context, cancellationToken) => CallerRateLimit.RejectAsync(context, HelpWidgetApiRateLimitPolicies.Search, options.Value.RateLimitWindow, cancellationToken);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        CallerRateLimit.Partition(httpContext, options.Value.SearchPermitLimit, options.Value.RateLimitWindow);
}

internal sealed class FeedbackRateLimitPolicy(IOptions<HelpWidgetApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected =>
        (context, cancellationToken) => CallerRateLimit.RejectAsync(context, HelpWidgetApiRateLimitPolicies.Feedback, options.Value.RateLimitWindow, cancellationToken);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        CallerRateLimit.Partition(httpContext, options.Value.FeedbackPermitLimit, options.Value.RateLimitWindow);
}

internal sealed class TicketRateLimitPolicy(IOptions<HelpWidgetApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected =>
        (context, cancellationToken) => CallerRateLimit.RejectAsync(context, HelpWidgetApiRateLimitPolicies.Tickets, options.Value.RateLimitWindow, cancellationToken);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        CallerRateLimit.Partition(httpContext, options.Value.TicketPermitLimit, options.Value.RateLimitWindow);
}

internal sealed class EventRateLimitPolicy(IOptions<HelpWidgetApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected =>
        (context, cancellationToken) => CallerRateLimit.RejectAsync(context, HelpWidgetApiRateLimitPolicies.Events, options.Value.RateLimitWindow, cancellationToken);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        CallerRateLimit.Partition(httpContext, options.Value.EventPermitLimit, options.Value.RateLimitWindow);
}
