using System.Diagnostics;
using System.Globalization;
using HelpWidget;
using HelpWidget.PostgreSql;
using HelpWidget.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A real app process for the crash and many-instance tests, and the load command of the delivery figures.
//
//   deliver: HelpWidget.Delivery.CrashHost (<database file> | --postgres <connection string>) <webhook url> <webhook secret> <ticket count>
//            [--prefix <key prefix>] [--lease <seconds>]
//     Queues <ticket count> tickets with the keys <prefix>0000, <prefix>0001, … (idempotently: a restart queues nothing
//     new), then delivers them until stopped. Prints "queued N new tickets of M" when the tickets are queued.
//
//   load:    HelpWidget.Delivery.CrashHost load (--sqlite <file> | --postgres <connection string>) --instances <n> --tickets <n> --concurrency <n>
//     Starts <instances> processes of this program on one store; each submits its share of <tickets> with <concurrency>
//     submissions at a time, all starting together, each ticket queued for one sink (no dispatcher runs). Prints the
//     submissions per second over the wall time of all of them.
var arguments = new Arguments(args);
try
{
    return arguments.Mode switch
    {
        "load" => await LoadAsync(arguments),
        "submit" => await SubmitAsync(arguments),
        _ => await DeliverAsync(arguments),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine("Usage: HelpWidget.Delivery.CrashHost (<database file> | --postgres <connection string>) <webhook url> <webhook secret> <ticket count> [--prefix <key prefix>] [--lease <seconds>]");
    Console.Error.WriteLine("       HelpWidget.Delivery.CrashHost load (--sqlite <file> | --postgres <connection string>) --instances <n> --tickets <n> --concurrency <n>");
    return 2;
}

static async Task<int> DeliverAsync(Arguments arguments)
{
    var positional = arguments.Positional;
    var postgres = arguments.Option("--postgres");
    var first = postgres is null ? 1 : 0;
    if (positional.Count != first + 3)
    {
        throw new ArgumentException("Expected the store, the webhook url, the webhook secret and the ticket count.");
    }

    var count = Arguments.Number(positional[first + 2], "ticket count", 0, 100_000);
    var prefix = arguments.Option("--prefix") ?? "crash-";
    var lease = TimeSpan.FromSeconds(Arguments.Number(arguments.Option("--lease") ?? "3", "--lease", 3, 3600));

    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    AddStore(builder.Services.AddHelpWidget(), postgres, postgres is null ? positional[0] : null)
        .AddWebhookSink(options =>
        {
            options.Url = new Uri(positional[first]);
            options.Secret = positional[first + 1];
        })
        .ConfigureTicketDelivery(options =>
        {
            options.MaxAttempts = 1000;
            options.InitialDelay = TimeSpan.FromMilliseconds(50);
            options.MaxDelay = TimeSpan.FromSeconds(1);
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.LeaseDuration = lease;
        });

    using var host = builder.Build();
    var store = host.Services.GetRequiredService<IHelpStore>();
    var created = 0;
    for (var i = 0; i < count; i++)
    {
        var receipt = await store.SaveTicketAsync(Ticket(prefix, i));
        created += receipt.Created ? 1 : 0;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queued {created} new tickets of {count}"));
    await host.RunAsync();
    return 0;
}

// One instance of the load command: waits for "go" on its input, submits, and prints its first and last instant.
static async Task<int> SubmitAsync(Arguments arguments)
{
    var count = Arguments.Number(arguments.Option("--tickets") ?? "", "--tickets", 1, 1_000_000);
    var concurrency = Arguments.Number(arguments.Option("--concurrency") ?? "", "--concurrency", 1, 256);
    var prefix = arguments.Option("--prefix") ?? "load-";
    var services = new ServiceCollection();
    services.AddLogging();
    // A sink is registered so that each submission also queues its delivery, as in an app; no dispatcher runs here.
    AddStore(services.AddHelpWidget(), arguments.Option("--postgres"), arguments.Option("--sqlite"))
        .AddWebhookSink(options =>
        {
            options.Url = new Uri("http://127.0.0.1:9/tickets");
            options.Secret = new string('s', WebhookSinkOptions.MinSecretLength);
        });
    await using var provider = services.BuildServiceProvider();
    var store = provider.GetRequiredService<IHelpStore>();

    // Warm up (migrations, connection pool, JIT) before the clock starts.
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => store.SaveTicketAsync(Ticket(prefix + "warm-", i))));
    Console.WriteLine("ready");
    if (Console.ReadLine() != "go")
    {
        return 1;
    }

    var started = DateTimeOffset.UtcNow;
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
        {
            await store.SaveTicketAsync(Ticket(prefix, i));
        }
    })));
    var ended = DateTimeOffset.UtcNow;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {count} {started.ToUnixTimeMilliseconds()} {ended.ToUnixTimeMilliseconds()}"));
    return 0;
}

static async Task<int> LoadAsync(Arguments arguments)
{
    var instances = Arguments.Number(arguments.Option("--instances") ?? "", "--instances", 1, 16);
    var tickets = Arguments.Number(arguments.Option("--tickets") ?? "", "--tickets", 1, 1_000_000);
    var concurrency = arguments.Option("--concurrency") ?? "8";
    var store = arguments.Option("--postgres") is { } postgres ? ("--postgres", postgres)
        : arguments.Option("--sqlite") is { } sqlite ? ("--sqlite", sqlite)
        : throw new ArgumentException("Give the store: --sqlite <file> or --postgres <connection string>.");
    var run = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    var children = new List<Process>();
    try
    {
        for (var instance = 0; instance < instances; instance++)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) is "dotnet")
            {
                start.ArgumentList.Add(typeof(Arguments).Assembly.Location);
            }

            foreach (var argument in (string[])["submit", store.Item1, store.Item2, "--tickets", (tickets / instances).ToString(CultureInfo.InvariantCulture),
                "--concurrency", concurrency, "--prefix", $"load-{run}-{instance}-"])
            {
                start.ArgumentList.Add(argument);
            }

            children.Add(Process.Start(start)!);
        }

        foreach (var child in children)
        {
            if (await child.StandardOutput.ReadLineAsync() != "ready")
            {
                throw new InvalidOperationException("An instance did not start.");
            }
        }

        foreach (var child in children)
        {
            await child.StandardInput.WriteLineAsync("go");
            await child.StandardInput.FlushAsync();
        }

        var done = new List<(int Count, long Started, long Ended)>();
        foreach (var child in children)
        {
            var line = (await child.StandardOutput.ReadLineAsync())?.Split(' ');
            if (line is not ["done", var count, var started, var ended])
            {
                throw new InvalidOperationException("An instance failed.");
            }

            done.Add((int.Parse(count, CultureInfo.InvariantCulture), long.Parse(started, CultureInfo.InvariantCulture), long.Parse(ended, CultureInfo.InvariantCulture)));
            await child.WaitForExitAsync();
        }

        var total = done.Sum(d => d.Count);
        var wall = TimeSpan.FromMilliseconds(done.Max(d => d.Ended) - done.Min(d => d.Started));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{store.Item1[2..]}: {instances} instance(s) x {concurrency} concurrent: {total} ticket submissions in {wall.TotalMilliseconds:F0} ms = {total / wall.TotalSeconds:F0} submissions/s"));
        return 0;
    }
    finally
    {
        foreach (var child in children)
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            child.Dispose();
        }
    }
}

static IHelpWidgetBuilder AddStore(IHelpWidgetBuilder builder, string? postgres, string? sqliteFile) => postgres is not null
    ? builder.AddPostgreSqlStore(options => options.ConnectionString = postgres)
    : builder.AddSqliteStore(options => options.ConnectionString = $"Data Source={sqliteFile ?? throw new ArgumentException("Give the store: a database file or --postgres <connection string>.")}");

static TicketSubmission Ticket(string prefix, int i) => new()
{
    IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D4}"),
    Subject = string.Create(CultureInfo.InvariantCulture, $"Case {i}"),
    Description = "Queued before the process was killed.",
    Name = "Kim Berg",
    Email = "kim@example.com",
    SubmittedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
};

/// <summary>The command line: a mode word, <c>--name value</c> options and positional arguments.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public Arguments(string[] args)
    {
        var rest = args.AsEnumerable();
        if (args is ["load" or "submit", ..])
        {
            Mode = args[0];
            rest = args.Skip(1);
        }

        var list = rest.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < list.Count)
            {
                _options[list[i]] = list[++i];
            }
            else
            {
                Positional.Add(list[i]);
            }
        }
    }

    public string Mode { get; } = "deliver";

    public List<string> Positional { get; } = [];

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public static int Number(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}; it is '{text}'."));
}
