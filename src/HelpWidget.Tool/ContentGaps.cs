using HelpWidget.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tool;

/// <summary>A search people made that no article answered, from the app's insights: the start of a new article.</summary>
internal sealed record ContentGap(string Query, string? Language, string? Route, int NoResults, int FollowedByTicket)
{
    public int Count => NoResults + FollowedByTicket;

    public string Id => HelpArticleDraft.IdFor(Query);
}

/// <summary>Reads the content gaps of a period from an app's SQLite insights database, through the store the app uses.</summary>
internal static class ContentGaps
{
    public const int MaxGaps = 200;

    /// <summary>Reads the gaps of the last <paramref name="days"/> days, most frequent first.</summary>
    /// <exception cref="InvalidDataException">The file is not a HelpWidget insights database.</exception>
    public static async Task<IReadOnlyList<ContentGap>> ReadAsync(string database, int days, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        // ReadWrite without Create: a mistyped path never leaves an empty database behind.
        var connection = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite }.ToString();
        new ToolBuilder(services).AddSqliteStore(options => options.ConnectionString = connection);
        await using var provider = services.BuildServiceProvider();
        var now = TimeProvider.System.GetUtcNow();
        HelpInsightsReport report;
        try
        {
            report = await provider.GetRequiredService<IHelpEventStore>().GetReportAsync(new HelpInsightsQuery { From = now.AddDays(-days), To = now.AddMinutes(1), Top = MaxGaps }, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"'{database}' is not a HelpWidget insights database ({ex.Message})", ex);
        }

        var gaps = new Dictionary<(string, string?, string?), (int NoResults, int Tickets)>();
        foreach (var search in report.ZeroResultSearches)
        {
            var key = (search.Query, search.Language, search.Route);
            var counts = gaps.GetValueOrDefault(key);
            gaps[key] = (counts.NoResults + search.Count, counts.Tickets);
        }

        foreach (var search in report.SearchesFollowedByTicket)
        {
            var key = (search.Query, search.Language, search.Route);
            var counts = gaps.GetValueOrDefault(key);
            gaps[key] = (counts.NoResults, counts.Tickets + search.Count);
        }

        return [.. gaps.Select(g => new ContentGap(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Value.NoResults, g.Value.Tickets))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Query, StringComparer.Ordinal)];
    }

    private sealed class ToolBuilder(IServiceCollection services) : IHelpWidgetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
