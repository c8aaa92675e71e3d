using System.ComponentModel.DataAnnotations;

namespace HelpWidget.Sqlite;

/// <summary>Options of the SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// Gets or sets the ADO.NET connection string of the database file; a relative file name is resolved against
    /// the app's content root. Defaults to <c>Data Source=helpwidget.db</c>.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=helpwidget.db";
}
