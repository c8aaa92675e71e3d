using System.Globalization;
using HelpWidget;
using HelpWidget.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: HelpWidget.Delivery.CrashHost <database file> <webhook url> <webhook secret> <ticket count>
// Queues <ticket count> tickets (idempotently: a restart queues nothing new), then delivers them until stopped.
if (args.Length != 4 || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("Usage: HelpWidget.Delivery.CrashHost <database file> <webhook url> <webhook secret> <ticket count>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddHelpWidget()
    .AddSqliteStore(options => options.ConnectionString = $"Data Source={args[0]}")
    .AddWebhookSink(options =>
    {
        options.Url = new Uri(args[1]);
        options.Secret = args[2];
    })
    .ConfigureTicketDelivery(options =>
    {
        options.MaxAttempts = 1000;
        options.InitialDelay = TimeSpan.FromMilliseconds(50);
        options.MaxDelay = TimeSpan.FromSeconds(1);
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.LeaseDuration = TimeSpan.FromSeconds(3);
    });

using var host = builder.Build();
var store = host.Services.GetRequiredService<IHelpStore>();
var created = 0;
for (var i = 0; i < count; i++)
{
    var receipt = await store.SaveTicketAsync(new TicketSubmission
    {
        IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"crash-{i:D4}"),
        Subject = string.Create(CultureInfo.InvariantCulture, $"Case {i}"),
        Description = "Queued before the process was killed.",
        Name = "Kim Berg",
        Email = "kim@example.com",
        SubmittedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
    });
    created += receipt.Created ? 1 : 0;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queued {created} new tickets of {count}"));
await host.RunAsync();
return 0;
