namespace HelpWidget.Components.Tests;

internal sealed class FakeKnowledgeProvider : IKnowledgeProvider
{
    public Func<SearchRequest, SearchResults> OnSearch { get; set; } = _ => SearchResults.Empty;

    public Func<SearchRequest, SearchResults> OnSuggest { get; set; } = _ => SearchResults.Empty;

    public Func<ArticleRequest, HelpArticle?> OnGetArticle { get; set; } = _ => null;

    public List<SearchRequest> Searches { get; } = [];

    public List<SearchRequest> Suggestions { get; } = [];

    public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        Searches.Add(request);
        return Task.FromResult(OnSearch(request));
    }

    public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        Suggestions.Add(request);
        return Task.FromResult(OnSuggest(request));
    }

    public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(OnGetArticle(request));

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}

internal sealed class FakeHelpStore : IHelpStore
{
    private readonly Dictionary<string, TicketReceipt> _byKey = [];

    public List<TicketSubmission> Tickets { get; } = [];

    public List<ArticleFeedback> Feedback { get; } = [];

    /// <summary>Gets or sets a task the next ticket save waits for, to hold a submission in flight.</summary>
    public TaskCompletionSource? HoldSave { get; set; }

    public Func<TicketSubmission, Exception?> FailWith { get; set; } = _ => null;

    public Func<ArticleFeedback, Exception?> FailFeedbackWith { get; set; } = _ => null;

    public async Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default)
    {
        if (HoldSave is { } hold)
        {
            await hold.Task;
        }

        if (FailWith(ticket) is { } error)
        {
            throw error;
        }

        ticket.Validate();
        if (_byKey.TryGetValue(ticket.IdempotencyKey, out var existing))
        {
            return new TicketReceipt { Reference = existing.Reference, SubmittedAt = existing.SubmittedAt, Created = false };
        }

        Tickets.Add(ticket);
        var receipt = new TicketReceipt { Reference = $"HW-{Tickets.Count:D6}", SubmittedAt = ticket.SubmittedAt, Created = true };
        _byKey[ticket.IdempotencyKey] = receipt;
        return receipt;
    }

    public Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default) =>
        Task.FromResult<StoredTicket?>(null);

    public Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default)
    {
        if (FailFeedbackWith(feedback) is { } error)
        {
            throw error;
        }

        feedback.Validate();
        var same = feedback.FeedbackId is null ? -1 : Feedback.FindIndex(f => f.FeedbackId == feedback.FeedbackId);
        if (same >= 0)
        {
            Feedback[same] = feedback;
        }
        else
        {
            Feedback.Add(feedback);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Connectivity a test switches, as a remote provider does when its calls fail or reach the server again.</summary>
internal sealed class FakeHelpConnectivity : IHelpConnectivity
{
    private EventHandler? _changed;

    public bool IsOnline { get; private set; } = true;

    /// <summary>Gets the number of handlers listening to <see cref="Changed"/>.</summary>
    public int Listeners => _changed?.GetInvocationList().Length ?? 0;

    public event EventHandler? Changed
    {
        add => _changed += value;
        remove => _changed -= value;
    }

    /// <summary>Sets the state and, when it changed, raises <see cref="Changed"/> on the calling thread.</summary>
    public void Report(bool online)
    {
        if (online != IsOnline)
        {
            IsOnline = online;
            _changed?.Invoke(this, EventArgs.Empty);
        }
    }
}
