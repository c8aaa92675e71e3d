using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpWidget.Smtp;

/// <summary>Sends each ticket as one e-mail message through an SMTP server.</summary>
internal sealed class SmtpTicketSink : ITicketSink
{
    private readonly SmtpSinkOptions _options;
    private readonly ILogger<SmtpTicketSink> _logger;
    private readonly MailboxAddress _from;
    private readonly MailboxAddress[] _to;
    private readonly string _messageIdDomain;

    public SmtpTicketSink(IOptions<SmtpSinkOptions> options, ILogger<SmtpTicketSink> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (!SmtpSinkOptionsValidator.TryParseMailbox(_options.From, out _from))
        {
            // The options validator refuses such a From at start-up; this only guards hosts that skip validation.
            throw new InvalidOperationException($"SmtpSinkOptions.From '{_options.From}' is not one e-mail address.");
        }

        _to = [.. _options.To.Select(t => SmtpSinkOptionsValidator.TryParseMailbox(t, out var mailbox) ? mailbox : null).OfType<MailboxAddress>()];
        _messageIdDomain = _options.MessageIdDomain ?? AsciiDomain(_from.Domain);
    }

    public string Name => SmtpSinkOptions.SinkName;

    public async Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var activity = SmtpTelemetry.Source.StartActivity("helpwidget.smtp.deliver", ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        activity?.SetTag("helpwidget.ticket.reference", delivery.Reference);
        activity?.SetTag("helpwidget.delivery.attempt", delivery.Attempt);

        var message = TicketMessage.Create(delivery, _from, _to, _messageIdDomain);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, SocketOptions(_options.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Classify(exception, cancellationToken) is { } failure)
        {
            Log.Failed(_logger, delivery.Reference, _options.Host, _options.Port, delivery.Attempt, failure.IsPermanent ? "permanent" : "will retry", failure.Message);
            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            var outcome = SmtpTelemetry.Outcome(failure.IsPermanent ? "permanent" : "retry");
            SmtpTelemetry.Messages.Add(1, outcome);
            SmtpTelemetry.SendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, outcome);
            throw failure;
        }

        SmtpTelemetry.Messages.Add(1, SmtpTelemetry.Outcome("sent"));
        SmtpTelemetry.SendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, SmtpTelemetry.Outcome("sent"));
        Log.Delivered(_logger, delivery.Reference, _options.Host, _options.Port, delivery.Attempt);
        await DisconnectAsync(client, delivery.Reference).ConfigureAwait(false);
    }

    /// <summary>What a failure means for the next attempt; <see langword="null"/> for the caller's own cancellation, which passes through.</summary>
    private TicketDeliveryException? Classify(Exception exception, CancellationToken cancellationToken)
    {
        var server = $"{_options.Host}:{_options.Port.ToString(CultureInfo.InvariantCulture)}";
        return exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,

            // 5xx: the server refuses this message or a recipient for good; 4xx: it asks to try again later.
            SmtpCommandException command => new TicketDeliveryException(
                $"The SMTP server {server} answered {(int)command.StatusCode} ({command.ErrorCode}): {command.Message}", command)
            {
                IsPermanent = (int)command.StatusCode is >= 500 and < 600,
            },

            // Wrong credentials are fixed in the configuration, not in the ticket: keep the ticket for the next attempt.
            AuthenticationException => new TicketDeliveryException($"The SMTP server {server} did not accept the credentials of '{_options.UserName}'.", exception),
            SslHandshakeException => new TicketDeliveryException($"No TLS connection could be made with the SMTP server {server}.", exception),
            SocketException or IOException or TimeoutException or OperationCanceledException or ProtocolException or ServiceNotConnectedException =>
                new TicketDeliveryException($"The SMTP server {server} could not be reached or dropped the connection: {exception.Message}", exception),
            _ => null,
        };
    }

    /// <summary>The message is accepted once the server said so: a failure to say goodbye must not send it again.</summary>
    private async Task DisconnectAsync(SmtpClient client, string reference)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or TimeoutException or ProtocolException or CommandException or OperationCanceledException)
        {
            Log.DisconnectFailed(_logger, _options.Host, _options.Port, reference, exception);
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private static string AsciiDomain(string domain)
    {
        try
        {
            return new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return "helpwidget.invalid";
        }
    }
}
