using System.Collections.Concurrent;
using System.Text.Json;
using HelpWidget.PostgreSql;
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Delivery.Tests;

/// <summary>The registration and endpoint code shown in docs/delivery.md, compiled with the tests.</summary>
internal static class GuideSnippets
{
    public static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddSqliteStore()                                  // tickets and their delivery queue in one SQLite file
            .AddWebhookSink(builder.Configuration.GetSection("HelpWidget:Delivery:Webhook"))
            .ConfigureTicketDelivery(options => options.MaxAttempts = 30);
    }

    public static void Receive(WebApplicationBuilder builder, WebApplication app)
    {
        app.MapHelpWidgetTickets(builder.Configuration["HelpWidget:Webhook:Secret"]!, new ConcurrentDictionary<string, JsonElement>());
    }

    public static void DeadLetters(WebApplication app)
    {
        app.MapGet("/admin/helpwidget/dead-letters", (ITicketDeadLetters deadLetters) => deadLetters.GetAsync())
            .RequireAuthorization("HelpDeskAdmins");
        app.MapPost("/admin/helpwidget/dead-letters/retry", async (ITicketDeadLetters deadLetters, string? reference, string? sink) =>
            reference is not null && sink is not null
                ? Results.Ok(await deadLetters.RetryAsync(reference, sink))
                : Results.Ok(await deadLetters.RetryAllAsync(sink)))
            .RequireAuthorization("HelpDeskAdmins");
    }

    public static void ItsmSink(WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient("itsm", http => http.BaseAddress = new Uri("https://itsm.example/"));
        builder.Services.AddHelpWidget()
            .AddSqliteStore()
            .AddTicketSink<ItsmTicketSink>();
    }

    public static void Operate(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddSqliteStore()
            .AddWebhookSink(builder.Configuration.GetSection("HelpWidget:Delivery:Webhook"))
            .ConfigureTicketDelivery(builder.Configuration.GetSection("HelpWidget:Delivery"));
        builder.Services.AddHealthChecks()
            .AddTicketDeliveryHealthCheck(options => options.UnhealthyAfter = TimeSpan.FromHours(1), tags: ["ready"]);
    }

    public static void OperateEndpoints(WebApplication app)
    {
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGet("/admin/helpwidget/queues", (ITicketQueueView queues) => queues.GetQueuesAsync())
            .RequireAuthorization("HelpDeskAdmins");
        app.MapPost("/admin/helpwidget/dead-letters/retry-webhook", (ITicketDeadLetters deadLetters) =>
            deadLetters.RetryAllAsync(WebhookSinkOptions.SinkName))
            .RequireAuthorization("HelpDeskAdmins");
    }

    public static void ManyInstances(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddPostgreSqlStore()                              // ConnectionStrings:HelpWidget, shared by every instance
            .AddWebhookSink(builder.Configuration.GetSection("HelpWidget:Delivery:Webhook"));
    }
}
