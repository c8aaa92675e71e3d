using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;

namespace HelpWidget.Smtp.Tests;

/// <summary>Delivers tickets to a real SMTP server on 127.0.0.1 and reads what arrived.</summary>
public sealed class SmtpTicketSinkTests(SmtpServerFixture server) : IClassFixture<SmtpServerFixture>
{
    private static readonly byte[] s_png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4IScHAAK2AQU0pnWqAAAAAElFTkSuQmCC");
    private static readonly byte[] s_log = Encoding.UTF8.GetBytes("line one\nline two without CR\r\n.\r\n.. dots\nÅsa 🙂\n");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_Ticket_ArrivesWithSubjectBodiesContextAndAttachments()
    {
        var ticket = Delivery("HW-000101", new Draft
        {
            Description = "VPN says error 809.\nI restarted twice.",
                Category = "network",
                Route = "/expenses/new",
                Language = "sv",
                Fields = new Dictionary<string, string> { ["department"] = "Finance" },
                Context = new Dictionary<string, string> { ["searches"] = "vpn 809\nvpn error", ["articles"] = "vpn-connect" },
                Attachments =
                [
                    new TicketAttachment { FileName = "screenshot.png", ContentType = "image/png", Content = s_png },
                    new TicketAttachment { FileName = "vpn.log", ContentType = "text/plain", Content = s_log },
                ],
        });

        await Sink(server.Port).DeliverAsync(ticket, Token);

        var received = Assert.Single(server.MessagesFor("HW-000101"));
        var message = received.Message;
        Assert.Equal("[HW-000101] VPN fails", message.Subject);
        Assert.Equal("helpdesk@example.com", received.MailFrom);
        Assert.Equal(["support@example.com", "backup@example.com"], received.Recipients);
        var replyTo = Assert.IsType<MailboxAddress>(Assert.Single(message.ReplyTo));
        Assert.Equal(("Alex Example", "alex@example.com"), (replyTo.Name, replyTo.Address));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 21, 12, 4, TimeSpan.Zero), message.Date);

        Assert.Contains("VPN says error 809.\nI restarted twice.", Normalize(message.TextBody), StringComparison.Ordinal);
        Assert.Contains("Category: network", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Page: /expenses/new", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("- department: Finance", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("- searches: vpn 809\n  vpn error", Normalize(message.TextBody), StringComparison.Ordinal);
        Assert.Contains("- articles: vpn-connect", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h1>VPN fails</h1>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<dt>searches</dt><dd>vpn 809<br>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"sv\">", message.HtmlBody, StringComparison.Ordinal);

        var attachments = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["screenshot.png", "vpn.log"], attachments.Select(a => a.FileName));
        Assert.Equal(["image/png", "text/plain"], attachments.Select(a => a.ContentType.MimeType));
        Assert.Equal(s_png, Content(attachments[0]));
        Assert.Equal(s_log, Content(attachments[1]));
    }

    [Fact]
    public async Task DeliverAsync_SameTicketTwice_CarriesTheSameMessageId()
    {
        var sink = Sink(server.Port);
        await sink.DeliverAsync(Delivery("HW-000102", new Draft()), Token);
        await sink.DeliverAsync(Delivery("HW-000102", new Draft(), attempt: 2), Token);
        await sink.DeliverAsync(Delivery("HW-000102", new Draft { IdempotencyKey = "another-form" }), Token);

        var ids = server.MessagesFor("HW-000102").Select(m => m.Message.MessageId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.Matches("^ticket\\.[0-9a-f]{32}@example\\.com$", ids[0]);
    }

    [Fact]
    public async Task DeliverAsync_HostileText_IsEncodedAndCannotAddHeadersOrRecipients()
    {
        var ticket = Delivery("HW-000103", new Draft
        {
                Subject = "Help\r\nBcc: victim@example.org\r\nX-Injected: subject",
                Name = "Eve\r\nBcc: name@example.org\u202E",
                Description = "<script>alert('x')</script> & <b>bold</b>\r\n\r\n.\r\nRCPT TO:<data@example.org>",
                Category = "c\nX-Injected: category",
                Context = new Dictionary<string, string> { ["<img src=x onerror=alert(1)>"] = "\"quoted\" & <i>" },
                Attachments = [new TicketAttachment { FileName = "a.png\r\nContent-Disposition: inline", ContentType = "image/png\r\nX-Injected: type", Content = s_png }],
        });

        await Sink(server.Port).DeliverAsync(ticket, Token);

        var received = Assert.Single(server.MessagesFor("HW-000103"));
        Assert.Equal(["support@example.com", "backup@example.com"], received.Recipients);
        Assert.DoesNotContain("\nBcc:", received.RawHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\nX-Injected:", Encoding.UTF8.GetString(received.Raw), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(received.Message.Bcc);
        Assert.Equal("[HW-000103] Help  Bcc: victim@example.org  X-Injected: subject", received.Message.Subject);
        var replyTo = Assert.IsType<MailboxAddress>(Assert.Single(received.Message.ReplyTo));
        Assert.Equal("alex@example.com", replyTo.Address);
        Assert.Equal("Eve  Bcc: name@example.org", replyTo.Name);

        var html = received.Message.HtmlBody;
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<dt>&lt;img src=x onerror=alert(1)&gt;</dt><dd>&quot;quoted&quot; &amp; &lt;i&gt;</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);

        var attachment = Assert.IsType<MimePart>(Assert.Single(received.Message.Attachments));
        Assert.Equal("a.png  Content-Disposition: inline", attachment.FileName);
        Assert.Equal(ContentDisposition.Attachment, attachment.ContentDisposition?.Disposition);
        Assert.Equal("application/octet-stream", attachment.ContentType.MimeType);
        Assert.Equal(s_png, Content(attachment));
    }

    [Fact]
    public async Task DeliverAsync_InvalidReplyAddress_SendsWithoutReplyTo()
    {
        var ticket = Delivery("HW-000104", new Draft { Email = "alex@example.com\r\nBcc: x@example.org" });

        await Sink(server.Port).DeliverAsync(ticket, Token);

        var received = Assert.Single(server.MessagesFor("HW-000104"));
        Assert.Empty(received.Message.ReplyTo);
        Assert.Equal(["support@example.com", "backup@example.com"], received.Recipients);
    }

    [Fact]
    public async Task DeliverAsync_RecipientRejected_FailsPermanently()
    {
        var sink = Sink(server.Port, "support@example.com", "reject-me@example.com");

        var error = await Assert.ThrowsAsync<TicketDeliveryException>(() => sink.DeliverAsync(Delivery("HW-000105", new Draft()), Token));

        Assert.True(error.IsPermanent);
        Assert.Contains("550", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.MessagesFor("HW-000105"));
    }

    [Fact]
    public async Task DeliverAsync_RecipientDeferred_FailsForARetry()
    {
        var sink = Sink(server.Port, "defer-me@example.com");

        var error = await Assert.ThrowsAsync<TicketDeliveryException>(() => sink.DeliverAsync(Delivery("HW-000106", new Draft()), Token));

        Assert.False(error.IsPermanent);
        Assert.Contains("451", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.MessagesFor("HW-000106"));
    }

    [Fact]
    public async Task DeliverAsync_RecipientDeferred_LogsTheServersAnswerAtDebugWithoutAStackTrace()
    {
        using var logs = new FakeLoggerProvider();
        var sink = Sink(server.Port, logs, "defer-me@example.com");

        var error = await Assert.ThrowsAsync<TicketDeliveryException>(() => sink.DeliverAsync(Delivery("HW-000109", new Draft()), Token));

        // The dispatcher logs the failed attempt once, as a warning with this reason; the sink adds only a debug line.
        var entry = Assert.Single(logs.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains(error.Message, entry.Message, StringComparison.Ordinal);
        Assert.Contains("HW-000109", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ServerDown_FailsForARetry()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<TicketDeliveryException>(() => Sink(closedPort).DeliverAsync(Delivery("HW-000107", new Draft()), Token));

        Assert.False(error.IsPermanent);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_Cancelled_PassesTheCancellationThrough()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sink(server.Port).DeliverAsync(Delivery("HW-000108", new Draft()), cancelled.Token));
    }

    private static ITicketSink Sink(int port, params string[] to) => Sink(port, logs: null, to);

    private static ITicketSink Sink(int port, FakeLoggerProvider? logs, params string[] to)
    {
        var services = new ServiceCollection().AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
            }
        });
        services.AddHelpWidget().AddSmtpSink(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
            o.Security = SmtpSecurity.None;
            o.From = "Help desk <helpdesk@example.com>";
            o.Timeout = TimeSpan.FromSeconds(20);
            foreach (var address in to.Length == 0 ? ["support@example.com", "backup@example.com"] : to)
            {
                o.To.Add(address);
            }
        });
        var sink = Assert.Single(services.BuildServiceProvider().GetServices<ITicketSink>());
        Assert.Equal("smtp", sink.Name);
        return sink;
    }

    private static TicketDelivery Delivery(string reference, Draft draft, int attempt = 1) => new()
    {
        Reference = reference,
        Attempt = attempt,
        Submission = new TicketSubmission
        {
            IdempotencyKey = draft.IdempotencyKey,
            Subject = draft.Subject,
            Description = draft.Description,
            Name = draft.Name,
            Email = draft.Email,
            Category = draft.Category,
            Language = draft.Language,
            Route = draft.Route,
            Fields = draft.Fields,
            Context = draft.Context,
            Attachments = draft.Attachments,
            SubmittedAt = new DateTimeOffset(2026, 11, 23, 21, 12, 4, TimeSpan.Zero),
        },
    };

    private static byte[] Content(MimePart part)
    {
        using var bytes = new MemoryStream();
        (part.Content ?? throw new InvalidOperationException($"{part.FileName} has no content.")).DecodeTo(bytes);
        return bytes.ToArray();
    }

    private static string Normalize(string? text) => Assert.IsType<string>(text).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A ticket as a test wants it: every field has a plain default.</summary>
    private sealed record Draft
    {
        public string IdempotencyKey { get; init; } = "form-7f3a";

        public string Subject { get; init; } = "VPN fails";

        public string Description { get; init; } = "It says error 809.";

        public string Name { get; init; } = "Alex Example";

        public string Email { get; init; } = "alex@example.com";

        public string? Category { get; init; }

        public string? Language { get; init; }

        public string? Route { get; init; }

        public Dictionary<string, string> Fields { get; init; } = [];

        public Dictionary<string, string> Context { get; init; } = [];

        public TicketAttachment[] Attachments { get; init; } = [];
    }
}
