using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Smtp.Tests;

/// <summary>
/// An app registered with only <c>AddHelpWidget().AddSqliteStore().AddSmtpSink(…)</c>, hosted on 127.0.0.1, e-mails every
/// ticket saved through the store (as the contact form saves it) to a real SMTP server.
/// </summary>
public sealed class SmtpDeliveryHostTests(SmtpServerFixture server) : IClassFixture<SmtpServerFixture>
{
    private static readonly TimeSpan s_deliveryTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddSmtpSink_OnlySinkOfARunningApp_DeliversEverySavedTicketOnce(bool fromConfiguration)
    {
        using var folder = new SqliteTestFolder("hw-smtp-host-");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder.Folder.FullName, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var widget = builder.Services.AddHelpWidget().AddSqliteStore(o => o.ConnectionString = folder.ConnectionString);
        if (fromConfiguration)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HelpWidget:Smtp:Host"] = "127.0.0.1",
                ["HelpWidget:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["HelpWidget:Smtp:Security"] = nameof(SmtpSecurity.None),
                ["HelpWidget:Smtp:From"] = "helpdesk@example.com",
                ["HelpWidget:Smtp:To:0"] = "support@example.com",
            });
            widget.AddSmtpSink(builder.Configuration.GetSection("HelpWidget:Smtp"));
        }
        else
        {
            widget.AddSmtpSink(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = server.Port;
                o.Security = SmtpSecurity.None;
                o.From = "helpdesk@example.com";
                o.To.Add("support@example.com");
            });
        }

        await using var app = builder.Build();
        await app.StartAsync(Token);
        try
        {
            var subjects = new[] { "VPN fails", "Printer jams", "Expense claim stuck" };
            var saved = new List<(TicketSubmission Ticket, TicketReceipt Receipt)>();
            foreach (var subject in subjects)
            {
                // As the contact form does: the store from the user's scope, the ticket saved once per idempotency key.
                await using var scope = app.Services.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IHelpStore>();
                var ticket = Ticket(subject);
                saved.Add((ticket, await store.SaveTicketAsync(ticket, Token)));
            }

            // The shared server is asked by idempotency key, which each case makes unique; the subject carries the store's reference.
            foreach (var ((ticket, receipt), subject) in saved.Zip(subjects))
            {
                var received = Assert.Single(await server.WaitForTicketAsync(ticket.IdempotencyKey, s_deliveryTimeout, Token));
                Assert.Equal($"[{receipt.Reference}] {subject}", received.Message.Subject);
                Assert.Equal(["support@example.com"], received.Recipients);
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static TicketSubmission Ticket(string subject) => new()
    {
        IdempotencyKey = Guid.NewGuid().ToString("N"),
        Subject = subject,
        Description = "It stopped working this morning.",
        Name = "Alex Example",
        Email = "alex@example.com",
        Route = "/expenses",
        SubmittedAt = TimeProvider.System.GetUtcNow(),
    };
}
