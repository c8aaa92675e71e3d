namespace HelpWidget.Smtp;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Connect in the clear, then require STARTTLS before anything is sent (usually port 587). The default.</summary>
    StartTls = 0,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect = 1,

    /// <summary>No encryption: only for a relay on the same machine or a trusted network (usually port 25).</summary>
    None = 2,
}
