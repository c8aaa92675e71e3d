// Insights: demonstration data for a first run
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The code shown in docs/insights.md, "Demo data".</summary>
public static class InsightsDemoDataSnippets
{
    /// <summary>The store filled with a month of simulated use at the first start.</summary>
    public static void DemoData(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHelpWidget()
            .AddSqliteStore()
            .AddHelpInsightsDemoData(options =>
            {
                options.Days = 30;            // the default: a month, ending when the app starts
                options.SessionsPerDay = 120; // the default: help sessions on a working day (weekends a fifth)
                options.Seed = 2026;          // the default: the same seed, articles and start give the same events
            });
    }
}
