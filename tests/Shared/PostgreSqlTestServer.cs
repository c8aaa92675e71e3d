using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HelpWidget.Testing;

/// <summary>
/// A real PostgreSQL server for one test assembly (register it with <c>[assembly: AssemblyFixture(typeof(PostgreSqlTestServer))]</c>
/// and take it in a test class's constructor). With the environment variable <c>HW_POSTGRES</c> set to a connection
/// string of a user that may create databases, that server is used; otherwise a private server is made from Debian's
/// packages (<c>/usr/lib/postgresql/*/bin</c>): <c>initdb -A trust</c> into a temporary folder, started with
/// <c>pg_ctl</c> on 127.0.0.1 and a spare port, as the <c>postgres</c> user when the tests run as root, and deleted
/// when the assembly's tests end (the folder is in memory, <c>/dev/shm</c>, when that has room: see <see cref="CreateServerFolder"/>). Every test takes its own database (<see cref="CreateDatabaseAsync"/>) or schema
/// (<see cref="NewSchema"/>). Linked into the test projects that need PostgreSQL.
/// </summary>
public sealed class PostgreSqlTestServer : IAsyncLifetime
{
    /// <summary>The environment variable naming an existing server to use instead of a private one.</summary>
    public const string EnvironmentVariable = "HW_POSTGRES";

    private static int s_counter;
    private readonly List<string> _databases = [];
    private string? _folder;
    private string? _binaries;
    private int _port;
    private bool _forcePrivate;

    /// <summary>Gets the connection string of the server's <c>postgres</c> database, as a user that may create databases.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Gets a value indicating whether this fixture runs the server itself (and so can stop and start it).</summary>
    public bool IsPrivate => _folder is not null;

    /// <summary>
    /// Starts a private server whatever <see cref="EnvironmentVariable"/> says, for a test that stops and starts it
    /// (which would disturb the tests sharing the assembly's server). Dispose it at the end of the test.
    /// </summary>
    public static async Task<PostgreSqlTestServer> StartPrivateAsync()
    {
        var server = new PostgreSqlTestServer { _forcePrivate = true };
        await server.InitializeAsync();
        return server;
    }

    public async ValueTask InitializeAsync()
    {
        var external = _forcePrivate ? null : Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _binaries = FindBinaries();
        _folder = CreateServerFolder();
        _port = SparePort();
        Directory.CreateDirectory(Path.Combine(_folder, "socket"));
        if (Environment.UserName == "root")
        {
            // The server refuses to run as root: the folder becomes the postgres user's.
            await RunAsync("chown", ["-R", "postgres:postgres", _folder], asPostgres: false);
        }

        await RunAsync(Path.Combine(_binaries, "initdb"), ["-D", DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asPostgres: true);
        await StartAsync();
        ConnectionString = $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"hw_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Returns a schema name no other test of this process uses, for a store sharing a database.</summary>
    public static string NewSchema() => $"hw_test_{Interlocked.Increment(ref s_counter)}";

    /// <summary>Stops the private server (fast shutdown: connections are closed); connections fail until <see cref="StartAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">The server is not private (<see cref="EnvironmentVariable"/> is set).</exception>
    public Task StopAsync() => RunAsync(PgCtl, ["stop", "-D", DataFolder, "-m", "fast", "-w"], asPostgres: true);

    /// <summary>
    /// Starts the private server again on the same port, waiting until it accepts connections. Pooled connections of
    /// <see cref="ConnectionString"/> opened before the restart are dropped, so the next one is a new connection.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is not private (<see cref="EnvironmentVariable"/> is set).</exception>
    public async Task StartAsync()
    {
        await RunAsync(
            PgCtl,
            ["start", "-D", DataFolder, "-l", Path.Combine(_folder!, "server.log"), "-w", "-t", "60",
                "-o", $"-p {_port} -k {Path.Combine(_folder!, "socket")} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"],
            asPostgres: true);
        if (ConnectionString.Length > 0)
        {
            // The pool still holds connections to the server that was stopped: each would fail once before being replaced.
            await using var stale = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(stale);
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is null)
        {
            await DropDatabasesAsync();
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await RunAsync(PgCtl, ["stop", "-D", DataFolder, "-m", "immediate", "-w"], asPostgres: true);
            }
        }
        finally
        {
            DeleteFolder(_folder);
        }
    }

    /// <summary>
    /// Deletes the server's files: at once when they are in memory; from a disk, where some 60,000 files can take over a
    /// minute on a loaded machine, by an <c>rm</c> of its own that this process does not wait for, so the test process
    /// ends promptly (see <see cref="CreateServerFolder"/>).
    /// </summary>
    private static void DeleteFolder(string folder)
    {
        if (folder.StartsWith("/dev/shm/", StringComparison.Ordinal) || OperatingSystem.IsWindows())
        {
            Directory.Delete(folder, recursive: true);
            return;
        }

        var info = new ProcessStartInfo("rm") { UseShellExecute = false, RedirectStandardInput = true };
        info.ArgumentList.Add("-rf");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(folder);
        using var remover = Process.Start(info) ?? throw new InvalidOperationException($"rm could not be started to delete {folder}.");
        remover.StandardInput.Close();
    }

    private string DataFolder => _folder is null
        ? throw new InvalidOperationException($"The PostgreSQL server of the tests is not private ({EnvironmentVariable} is set): it cannot be stopped or started by a test.")
        : Path.Combine(_folder, "data");

    private string PgCtl => Path.Combine(_binaries!, "pg_ctl");

    private async Task DropDatabasesAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = [.. _databases];
        }

        if (names.Length == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string FindBinaries()
    {
        var root = new DirectoryInfo("/usr/lib/postgresql");
        var found = root.Exists
            ? root.GetDirectories()
                .Select(version => (Version: int.TryParse(version.Name, out var number) ? number : 0, Bin: Path.Combine(version.FullName, "bin")))
                .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "pg_ctl")) && File.Exists(Path.Combine(candidate.Bin, "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: the tests need Debian's package 'postgresql' (apt-get install -y postgresql; ./test.sh installs it when run as root), " +
            $"or the environment variable {EnvironmentVariable} set to the connection string of a server where databases may be created.");
    }

    /// <summary>
    /// A new folder for the server's files, in memory (<c>/dev/shm</c>) when that has room to spare. Every test takes a
    /// database of its own, so an assembly's run leaves some 200 of them (about 60,000 files, most of a gigabyte):
    /// deleting those from a disk took over a minute on a loaded machine, long enough for xUnit's runner to take the
    /// silent test process for a crashed one (it waits 60 s after the last message). In memory it takes a second or two.
    /// </summary>
    private static string CreateServerFolder()
    {
        const long room = 4L * 1024 * 1024 * 1024;
        var memory = new DirectoryInfo("/dev/shm");
        if (!OperatingSystem.IsWindows() && memory.Exists && new DriveInfo(memory.FullName).AvailableFreeSpace >= room)
        {
            var folder = Path.Combine(memory.FullName, $"hw-postgres-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return folder;
        }

        return Directory.CreateTempSubdirectory("hw-postgres-").FullName;
    }

    private static int SparePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var info = new ProcessStartInfo
        {
            // Standard input too: the test process's own is the test runner's channel to it, and no child (nor the
            // server pg_ctl leaves running) may hold it.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && Environment.UserName == "root")
        {
            info.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                info.ArgumentList.Add(argument);
            }
        }
        else
        {
            info.FileName = program;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} could not be started.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            // Not left running behind the tests: a command that hangs this long is stopped, and the test says which.
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
