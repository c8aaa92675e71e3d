namespace HelpWidget.Components;

/// <summary>
/// What the panel shows and where the user came from, kept in the <see cref="HelpSession"/> so a panel rendered
/// anew (another layout, a remounted launcher) continues where the user was. The way through it is the core's
/// <see cref="PanelNavigation"/>; this adds what the panel's views hold (the query, the draft, the receipt).
/// </summary>
internal sealed class PanelMemory
{
    public PanelNavigation Navigation { get; } = new();

    public string Query { get; set; } = string.Empty;

    /// <summary>The search typed in the area open in the Browse view.</summary>
    public string AreaQuery { get; set; } = string.Empty;

    public HelpContactDraft Contact { get; set; } = new();

    public TicketReceipt? Receipt { get; set; }

    public string? ReceiptEmail { get; set; }

    /// <summary>Ends a finished request when the panel closes (see <see cref="PanelNavigation.EndFinished"/>), forgetting its search and receipt.</summary>
    /// <returns><see langword="true"/> when a finished request was ended.</returns>
    public bool EndFinished()
    {
        if (!Navigation.EndFinished())
        {
            return false;
        }

        Query = string.Empty;
        Receipt = null;
        ReceiptEmail = null;
        return true;
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
