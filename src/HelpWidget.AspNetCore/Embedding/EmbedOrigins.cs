using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>
/// Guards what the embed opens to other origins, ahead of the app's own middleware: the circuit's hub refuses any page
/// whose origin is not the help server's own or in <see cref="HelpWidgetApiOptions.AllowedOrigins"/> (WebSockets are not
/// covered by CORS, so the origin is checked here), and the components' files (the launcher's script module, which a
/// page imports with CORS) answer allowed origins with <c>Access-Control-Allow-Origin</c>, however the app serves them.
/// </summary>
internal sealed class EmbedOrigins(IOptionsMonitor<HelpWidgetApiOptions> api, ILogger<EmbedOrigins> logger) : IStartupFilter
{
    public const string HubPath = "/_blazor";

    private const string ComponentFiles = "/_content/HelpWidget.Components/";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(HandleAsync);
        next(app);
    };

    public bool IsAllowed(HttpRequest request, string origin) =>
        string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase)
        || api.CurrentValue.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && request.Path.StartsWithSegments(HubPath) && !IsAllowed(request, origin))
        {
            Log.EmbedOriginRefused(logger, origin.Length > 100 ? origin[..100] : origin, HubPath);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("This page's origin is not in the help server's HelpWidget:Api:AllowedOrigins.");
            return;
        }

        if (origin.Length > 0 && request.Path.StartsWithSegments(ComponentFiles.TrimEnd('/')) && IsAllowed(request, origin))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.AccessControlAllowOrigin = origin;
                context.Response.Headers.Append("Vary", "Origin");
                return Task.CompletedTask;
            });
        }

        await next(context);
    }
}
