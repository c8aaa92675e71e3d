using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpWidget.Smtp;

/// <summary>The rules between options, and the addresses, that DataAnnotations cannot state.</summary>
internal sealed class SmtpSinkOptionsValidator : IValidateOptions<SmtpSinkOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpSinkOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.Host) && (options.Host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown))
        {
            failures.Add($"Host '{options.Host}' is not a host name or an IP address.");
        }

        if (!string.IsNullOrEmpty(options.From) && !TryParseMailbox(options.From, out _))
        {
            failures.Add($"From '{options.From}' is not one e-mail address (such as 'Help desk <helpdesk@example.com>').");
        }

        if (options.To.Count == 0)
        {
            failures.Add("To is empty: give at least one address to send tickets to.");
        }

        foreach (var to in options.To.Where(t => !TryParseMailbox(t, out _)))
        {
            failures.Add($"To holds '{to}', which is not one e-mail address.");
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("UserName and Password go together: set both or neither.");
        }
        else if (!string.IsNullOrEmpty(options.UserName) && options.Security == SmtpSecurity.None && !IsLoopback(options.Host))
        {
            failures.Add($"Security is None, so the password for '{options.UserName}' would cross the network to '{options.Host}' unencrypted: use StartTls or SslOnConnect.");
        }

        if (options.MessageIdDomain is { } domain && (domain.Length is 0 or > 253 || Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.All(char.IsAscii)))
        {
            failures.Add($"MessageIdDomain '{domain}' is not an ASCII domain name.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>One mailbox with a domain: no group, no list, nothing left over.</summary>
    public static bool TryParseMailbox(string? text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsControl) || !MailboxAddress.TryParse(text, out var parsed) || string.IsNullOrEmpty(parsed.Domain))
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
