using Microsoft.Data.Sqlite;

namespace HelpWidget.Testing;

/// <summary>
/// A temporary folder for one test's SQLite files. Disposing it closes the pooled connections that would keep the
/// files open, then deletes the folder. Linked into the test projects that use real SQLite files.
/// </summary>
internal sealed class SqliteTestFolder(string prefix) : IDisposable
{
    /// <summary>Gets the folder.</summary>
    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory(prefix);

    /// <summary>Gets the path of the default database file, <c>help.db</c>.</summary>
    public string DatabasePath => PathOf("help.db");

    /// <summary>Gets the connection string of <see cref="DatabasePath"/>.</summary>
    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>Gets the path of a file in the folder.</summary>
    public string PathOf(string relativePath) => Path.Combine(Folder.FullName, relativePath);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Folder.Delete(recursive: true);
    }
}
