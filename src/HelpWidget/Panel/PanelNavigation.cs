namespace HelpWidget;

/// <summary>
/// Where the user is in the help panel and how they got there: the view, Back and Forward through results and
/// articles, and whether the request shown is finished. Kept in the session, so a panel rendered anew continues
/// where the user was.
/// </summary>
internal sealed class PanelNavigation
{
    private readonly Stack<PanelPlace> _back = new();
    private readonly Stack<PanelPlace> _forward = new();

    /// <summary>Gets or sets the view shown.</summary>
    public PanelView View { get; set; } = PanelView.Search;

    /// <summary>Gets or sets the article shown, or last shown.</summary>
    public string? ArticleId { get; set; }

    /// <summary>Gets or sets the area open in the browse view; <see langword="null"/> shows the list of areas.</summary>
    public string? AreaId { get; set; }

    /// <summary>Gets a value indicating whether the request shown is finished: a ticket sent, or a problem an article solved while writing one.</summary>
    public bool Finished { get; private set; }

    /// <summary>Gets where the user is.</summary>
    public PanelPlace Current => new(View, View == PanelView.Article ? ArticleId : null, View == PanelView.Browse ? AreaId : null);

    /// <summary>Gets a value indicating whether Back leads somewhere.</summary>
    public bool CanGoBack => _back.Count > 0;

    /// <summary>Gets a value indicating whether Forward leads somewhere.</summary>
    public bool CanGoForward => _forward.Count > 0;

    /// <summary>
    /// Moves to a view (an article, for the article view; an area or the list of areas, for the browse view),
    /// remembering where the user was; a new step forgets the way forward.
    /// </summary>
    /// <returns><see langword="true"/> when the user moved; <see langword="false"/> when they were there already.</returns>
    public bool Navigate(PanelView view, string? articleId = null, string? areaId = null)
    {
        var target = new PanelPlace(view, view == PanelView.Article ? articleId : null, view == PanelView.Browse ? areaId : null);
        if (Current == target)
        {
            return false;
        }

        Finished = false;
        _back.Push(Current);
        _forward.Clear();
        View = view;
        if (view == PanelView.Article)
        {
            ArticleId = articleId;
        }

        if (view == PanelView.Browse)
        {
            AreaId = areaId;
        }

        return true;
    }

    /// <summary>Goes back one step.</summary>
    /// <param name="place">Where the user is now.</param>
    /// <returns><see langword="false"/> when there is no way back.</returns>
    public bool TryGoBack(out PanelPlace place) => Step(_back, _forward, out place);

    /// <summary>Goes forward one step, undoing a step back.</summary>
    /// <param name="place">Where the user is now.</param>
    /// <returns><see langword="false"/> when there is no way forward.</returns>
    public bool TryGoForward(out PanelPlace place) => Step(_forward, _back, out place);

    /// <summary>Starts afresh on <paramref name="view"/> (an app's request, Back to help): no way back or forward.</summary>
    public void StartOver(PanelView view = PanelView.Search)
    {
        ClearHistory();
        Finished = false;
        View = view;
    }

    /// <summary>Shows the end of a request on <paramref name="view"/> (the receipt, or the search after "This solved my problem"), with no way back into it.</summary>
    public void Finish(PanelView view)
    {
        ClearHistory();
        View = view;
        Finished = true;
    }

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

        StartOver();
        ArticleId = null;
        return true;
    }

    /// <summary>Shows search instead of the contact form where contact is not offered (a rule for this page, or self-service not tried yet).</summary>
    /// <returns><see langword="true"/> when the view changed.</returns>
    public bool LeaveContactUnlessOffered(bool contactOffered)
    {
        if (View == PanelView.Contact && !contactOffered)
        {
            View = PanelView.Search;
            return true;
        }

        return false;
    }

    /// <summary>Takes up a finished request again (the user searches after "This solved my problem"): it is in progress now.</summary>
    public void Resume() => Finished = false;

    /// <summary>Forgets the way back and forward.</summary>
    public void ClearHistory()
    {
        _back.Clear();
        _forward.Clear();
    }

    private bool Step(Stack<PanelPlace> from, Stack<PanelPlace> to, out PanelPlace place)
    {
        if (!from.TryPop(out place))
        {
            return false;
        }

        to.Push(Current);
        View = place.View;
        if (place.ArticleId is { } articleId)
        {
            ArticleId = articleId;
        }

        if (place.View == PanelView.Browse)
        {
            AreaId = place.AreaId;
        }

        return true;
    }
}
