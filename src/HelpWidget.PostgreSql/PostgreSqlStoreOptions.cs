namespace HelpWidget.PostgreSql;

/// <summary>Options of the PostgreSQL store.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The schema used when none is configured.</summary>
    public const string DefaultSchema = "helpwidget";

    /// <summary>
    /// Gets or sets the Npgsql connection string. Used when no <c>NpgsqlDataSource</c> is registered in the services;
    /// when neither is set, the configuration's <c>ConnectionStrings:HelpWidget</c> is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets the schema that holds the store's tables, created when missing: a plain identifier of lower-case
    /// letters, digits and underscores, at most 63 characters, starting with a letter or an underscore (not <c>pg_</c>).
    /// Defaults to <see cref="DefaultSchema"/>. Several apps may share one database with a schema each.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// Gets or sets a value indicating whether pending migrations are applied when the store is first used.
    /// Defaults to <see langword="true"/>; set <see langword="false"/> when a deployment step applies them
    /// (<see cref="PostgreSqlMigrations.ApplyAsync(string, string, CancellationToken)"/>), so the app's database
    /// user needs no right to change the schema.
    /// </summary>
    public bool ApplyMigrations { get; set; } = true;
}
