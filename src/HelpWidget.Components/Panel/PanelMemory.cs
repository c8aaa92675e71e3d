namespace HelpWidget.Components;

/// <summary>
/// What the panel shows and where the user came from, kept in the <see cref="HelpSession"/> so a panel rendered
/// anew (another layout, a remounted launcher) continues where the user was.
/// </summary>
internal sealed class PanelMemory
{
    public Stack<PanelEntry> History { get; } = new();

    public Stack<PanelEntry> Forward { get; } = new();

    public PanelEntry Current => new(View, View == PanelView.Article ? ArticleId : null);

    public PanelView View { get; set; } = PanelView.Search;

    public string Query { get; set; } = string.Empty;

    public string? ArticleId { get; set; }

    public HelpContactDraft Contact { get; set; } = new();

    public TicketReceipt? Receipt { get; set; }

    public string? ReceiptEmail { get; set; }

    public void ClearHistory()
    {
        History.Clear();
        Forward.Clear();
    }

    public static PanelMemory For(HelpSession session)
    {
        if (session.Items.TryGetValue(typeof(PanelMemory), out var existing) && existing is PanelMemory memory)
        {
            return memory;
        }

        memory = new PanelMemory();
        session.Items[typeof(PanelMemory)] = memory;
        return memory;
    }
}

/// <summary>A place in the panel's history: a view, and for an article view, which article.</summary>
internal readonly record struct PanelEntry(PanelView View, string? ArticleId);
