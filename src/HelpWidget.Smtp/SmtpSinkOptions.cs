using System.ComponentModel.DataAnnotations;

namespace HelpWidget.Smtp;

/// <summary>Options of the SMTP ticket sink: the server to send through and the addresses of the messages.</summary>
public sealed class SmtpSinkOptions
{
    /// <summary>
    /// The name of the SMTP sink, <c>smtp</c>: the key of its deliveries in the store, in the queue view
    /// (<see cref="ITicketQueueView"/>), the health check's data, the dead letters and the logs.
    /// </summary>
    public const string SinkName = "smtp";

    /// <summary>Gets or sets the host name or IP address of the SMTP server. Required; there is no default.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the server's port. Defaults to 587 (submission with STARTTLS).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Gets or sets how the connection is protected. Defaults to <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>
    /// Gets or sets the user name to authenticate with; <see langword="null"/> (the default) sends without
    /// authenticating. Requires <see cref="Password"/>, and encryption unless <see cref="Host"/> is this machine.
    /// </summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password that goes with <see cref="UserName"/>. Defaults to <see langword="null"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets the sender of the messages, an address with an optional display name such as
    /// <c>Help desk &lt;helpdesk@example.com&gt;</c>. Required; there is no default.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string From { get; set; } = string.Empty;

    /// <summary>Gets the addresses each ticket is sent to, such as the help desk's inbox; at least one is required. Defaults to none.</summary>
    public IList<string> To { get; } = [];

    /// <summary>
    /// Gets or sets the domain of the messages' <c>Message-Id</c>, which receivers use to recognise a ticket delivered
    /// twice; <see langword="null"/> (the default) takes the domain of <see cref="From"/>.
    /// </summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>Gets or sets how long one step of the conversation with the server may take. Defaults to 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
