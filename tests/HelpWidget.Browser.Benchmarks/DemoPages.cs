using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// Serves <c>samples/static</c> on its own origin, as any web server would serve a plain page: HTML with
/// <c>{HELP_SERVER}</c> replaced by the help server's origin, under the strict Content-Security-Policy of docs/hosts.md
/// (only the help server for scripts, styles, connections and images, plus <c>'self'</c> for scripts when the folder
/// holds a script of its own).
/// </summary>
internal static class DemoPages
{
    public static WebApplication Create(int port, string helpServerOrigin)
    {
        var folder = Folder();
        var ownScripts = Directory.EnumerateFiles(folder, "*.js", SearchOption.AllDirectories).Any();
        var policy = StrictPolicy(helpServerOrigin, ownScripts);
        var types = new FileExtensionContentTypeProvider();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(async context =>
        {
            var relative = context.Request.Path.Value is null or "/" ? "index.html" : context.Request.Path.Value.TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(folder, relative));
            if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            context.Response.Headers.CacheControl = "no-store";
            if (path.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers.ContentSecurityPolicy = policy;
                var html = await File.ReadAllTextAsync(path, context.RequestAborted);
                await context.Response.WriteAsync(html.Replace("{HELP_SERVER}", helpServerOrigin, StringComparison.Ordinal), context.RequestAborted);
                return;
            }

            await context.Response.SendFileAsync(path, context.RequestAborted);
        });
        return app;
    }

    /// <summary>
    /// The policy docs/hosts.md gives a host: nothing but the help server, whose WebSocket origin <c>connect-src</c> names
    /// as well (a host source with the http scheme does not cover ws).
    /// </summary>
    public static string StrictPolicy(string helpServerOrigin, bool ownScripts)
    {
        var socket = "ws" + helpServerOrigin["http".Length..];
        return $"default-src 'none'; script-src {(ownScripts ? "'self' " : string.Empty)}{helpServerOrigin}; style-src {helpServerOrigin}; connect-src {helpServerOrigin} {socket}; img-src {helpServerOrigin}";
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var folder = Path.Combine(directory.FullName, "samples", "static");
            if (File.Exists(Path.Combine(folder, "index.html")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("samples/static/index.html was not found above " + AppContext.BaseDirectory);
    }
}
