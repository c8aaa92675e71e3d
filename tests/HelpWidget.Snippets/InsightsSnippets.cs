// Insights: the options and an app's own event sink
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The code shown in docs/insights.md, "Turning it on" and "The dashboard".</summary>
public static class InsightsSnippets
{
    /// <summary>Recording with the options set and an app's own sink beside the store.</summary>
    public static void TurningItOn(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHelpWidget()
            .AddSqliteStore()
            .AddHelpInsights(options =>
            {
                options.RetentionPeriod = TimeSpan.FromDays(400);              // the default
                options.UserKeySecret = builder.Configuration["HelpWidget:UserKeySecret"]; // optional, Base64 of 32+ bytes
            })
            .AddHelpEventSink<MyAnalyticsSink>();                            // optional: your own sink
    }

    /// <summary>The dashboard's policy and the store it reads.</summary>
    public static void Dashboard(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthorization(options =>
            options.AddPolicy("HelpInsights", policy => policy.RequireRole("support-manager")));
        builder.Services.AddHelpWidget()
            .AddSqliteStore();                                               // the IHelpEventStore the dashboard reads
    }

    /// <summary>An app's sink: here it only counts what it receives.</summary>
    public sealed class MyAnalyticsSink : IHelpEventSink
    {
        private long _received;

        /// <inheritdoc />
        public string Name => "my-analytics";

        /// <summary>Gets how many events the sink has received.</summary>
        public long Received => Interlocked.Read(ref _received);

        /// <inheritdoc />
        public Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(events);
            Interlocked.Add(ref _received, events.Count);
            return Task.CompletedTask;
        }
    }
}
