using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace HelpWidget.Smtp.Tests;

/// <summary>
/// A real SMTP server (aiosmtpd, from Debian's python3-aiosmtpd) on 127.0.0.1, on a port the system picks, writing every
/// accepted message to a folder.
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _mailbox = Directory.CreateTempSubdirectory("hw-smtp-");
    private Process? _server;

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var python = Environment.GetEnvironmentVariable("HW_PYTHON") ?? "/usr/bin/python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smtp_server.py"));
        start.ArgumentList.Add(_mailbox.FullName);
        _server = Process.Start(start) ?? throw new InvalidOperationException($"{python} could not be started.");

        var errors = new StringBuilder();
        _server.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        _server.BeginErrorReadLine();

        // The server prints its port once it listens; wait for that line, not for a while.
        var line = await _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            await _server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException(
                $"The test SMTP server did not start (is Debian's python3-aiosmtpd installed? ./test.sh installs it):\n{line}\n{errors}");
        }

        Port = int.Parse(line["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        using var probe = new TcpClient();
        await probe.ConnectAsync("127.0.0.1", Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            // Closing standard input ends the server; killing it is the fallback.
            _server.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
            }

            _server.Dispose();
        }

        _mailbox.Delete(recursive: true);
    }

    /// <summary>Every message the server accepted so far whose X-HelpWidget-Reference is <paramref name="reference"/>, in the order received.</summary>
    public IReadOnlyList<ReceivedMessage> MessagesFor(string reference) =>
        _mailbox.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal).Select(Read)
            .Where(m => m.Message.Headers["X-HelpWidget-Reference"] == reference).ToList();

    /// <summary>
    /// Waits until the server has accepted a message whose X-HelpWidget-Reference is <paramref name="reference"/>, woken by
    /// each message file the server writes, and returns every such message.
    /// </summary>
    /// <exception cref="TimeoutException">No such message arrived within <paramref name="timeout"/>.</exception>
    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(string reference, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(m => m.Message.Headers["X-HelpWidget-Reference"] == reference, "for " + reference, timeout, cancellationToken);

    /// <summary>
    /// Waits until the server has accepted a message of the ticket submitted with <paramref name="idempotencyKey"/>, and
    /// returns every such message. Unlike a reference, which each new store numbers from the start, the key is unique
    /// across the apps a test class starts.
    /// </summary>
    /// <exception cref="TimeoutException">No such message arrived within <paramref name="timeout"/>.</exception>
    public Task<IReadOnlyList<ReceivedMessage>> WaitForTicketAsync(string idempotencyKey, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(m => m.Message.Headers["X-HelpWidget-Idempotency-Key"] == idempotencyKey, "with key " + idempotencyKey, timeout, cancellationToken);

    private async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(Func<ReceivedMessage, bool> match, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var written = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(_mailbox.FullName, "*.json");
        watcher.Created += (_, _) => written.Release();
        watcher.Renamed += (_, _) => written.Release();
        watcher.EnableRaisingEvents = true;

        var waited = Stopwatch.StartNew();
        while (true)
        {
            // Checked after the watcher starts, so a message written in between is not missed.
            var messages = _mailbox.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal).Select(Read).Where(match).ToList();
            if (messages.Count > 0)
            {
                return messages;
            }

            var remaining = timeout - waited.Elapsed;
            if (remaining <= TimeSpan.Zero || !await written.WaitAsync(remaining, cancellationToken))
            {
                throw new TimeoutException($"No message {what} arrived within {timeout}.");
            }
        }
    }

    private static ReceivedMessage Read(FileInfo file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file.FullName));
        var root = json.RootElement;
        var raw = Convert.FromBase64String(root.GetProperty("data").GetString()!);
        using var stream = new MemoryStream(raw);
        return new ReceivedMessage(
            root.GetProperty("mail_from").GetString()!,
            [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!)],
            raw,
            MimeMessage.Load(stream));
    }
}

/// <summary>A message as the server received it: the envelope, the raw bytes and the parsed message.</summary>
public sealed record ReceivedMessage(string MailFrom, IReadOnlyList<string> Recipients, byte[] Raw, MimeMessage Message)
{
    /// <summary>The header section, as sent.</summary>
    public string RawHeaders
    {
        get
        {
            var text = Encoding.UTF8.GetString(Raw);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return end < 0 ? text : text[..end];
        }
    }
}
