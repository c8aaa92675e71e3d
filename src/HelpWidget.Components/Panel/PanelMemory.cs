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

    /// <summary>Gets or sets a value indicating whether the request shown is finished: a ticket sent, or a problem an article solved while writing one.</summary>
    public bool Finished { get; set; }

    /// <summary>
    /// Ends a finished request when the panel closes, so that the next opening (on this page or another) starts with
    /// the page's help. What is still in progress (an article being read, a search, a draft) is kept.
    /// </summary>
    /// <returns><see langword="true"/> when a finished request was ended.</returns>
    public bool EndFinished()
    {
        if (!Finished && View != PanelView.Receipt)
        {
            return false;
        }

        Finished = false;
        View = PanelView.Search;
        Query = string.Empty;
        ArticleId = null;
        Receipt = null;
        ReceiptEmail = null;
        ClearHistory();
        return true;
    }

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
