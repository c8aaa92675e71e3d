using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HelpWidget.Browser.Tests;

/// <summary>The sample's one setting for OpenTelemetry: HelpWidget:OpenTelemetry:Console.</summary>
public sealed class InsightsTelemetryTests
{
    [Fact]
    public async Task ConsoleSetting_On_ListensToEveryHelpWidgetMeterAndSource()
    {
        var data = Directory.CreateTempSubdirectory("hw-otel-");
        try
        {
            await using (var app = Sample(data, console: true))
            {
                Assert.NotNull(app.Services.GetService<MeterProvider>());
                Assert.NotNull(app.Services.GetService<TracerProvider>());

                // Names no package has yet: the wildcard includes packages that gain instruments later.
                using var meter = new Meter("HelpWidget.InsightsProbe");
                var counter = meter.CreateCounter<long>("helpwidget.probe");
                Assert.True(counter.Enabled);
                using var source = new ActivitySource("HelpWidget");
                using var activity = source.StartActivity("probe");
                Assert.NotNull(activity);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ConsoleSetting_Off_RegistersNoExporter()
    {
        var data = Directory.CreateTempSubdirectory("hw-otel-");
        try
        {
            await using (var app = Sample(data, console: false))
            {
                Assert.Null(app.Services.GetService<MeterProvider>());
                Assert.Null(app.Services.GetService<TracerProvider>());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    private static WebApplicationFactory<Program> Sample(DirectoryInfo data, bool console) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={Path.Combine(data.FullName, "helpwidget.db")}");
            builder.UseSetting("HelpWidget:Insights:DemoData", "false");
            builder.UseSetting("HelpWidget:OpenTelemetry:Console", console ? "true" : "false");
        });
}
