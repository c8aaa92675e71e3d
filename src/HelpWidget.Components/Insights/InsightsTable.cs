namespace HelpWidget.Components;

/// <summary>One table of the dashboard, as shown and as exported: the same cells in both.</summary>
internal sealed record InsightsTable(string Key, string Title, IReadOnlyList<string> Headers, IReadOnlyList<bool> Numeric, IReadOnlyList<InsightsRow> Rows)
{
    public bool HasDrafts => Rows.Any(row => row.Draft is not null || row.AddressedBy is not null);

    public bool HasComments => Rows.Any(row => row.Comments.Count > 0);
}

/// <summary>A row: its cells, and for a content gap the draft offered or the article that addresses it; for a rated article its comments with drafts.</summary>
internal sealed record InsightsRow(IReadOnlyList<string> Cells)
{
    public HelpArticleDraft? Draft { get; init; }

    public string? AddressedBy { get; init; }

    public IReadOnlyList<(string Comment, HelpArticleDraft Draft)> Comments { get; init; } = [];
}
