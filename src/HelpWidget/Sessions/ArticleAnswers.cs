namespace HelpWidget;

/// <summary>
/// Stores what a user answers about an article, by one set of rules for every part of the widget: "Was this
/// helpful?" (with a reason and comment), and "This solved my problem" on the contact form. The search that led to
/// the article, or the subject typed, is scrubbed of personal data before it is stored, and the session records the
/// answer once the store has it.
/// </summary>
internal sealed class ArticleAnswers(IHelpStore store, IPersonalDataScrubber scrubber, TimeProvider time)
{
    /// <summary>Stores an answer to "Was this helpful?" and records it in the session; a second answer with the same <paramref name="feedbackId"/> updates the first.</summary>
    public async Task<ArticleFeedback> SaveAsync(
        HelpSession session, HelpArticle article, string feedbackId, bool helpful, string? reason, string? comment, string? route, string? query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(article);
        var feedback = new ArticleFeedback
        {
            FeedbackId = feedbackId,
            ArticleId = article.Id,
            Language = article.Language,
            Helpful = helpful,
            Reason = reason,
            Comment = CleanComment(comment),
            Route = route,
            Query = scrubber.ScrubQuery(query),
            CreatedAt = time.GetUtcNow(),
        };
        await store.SaveFeedbackAsync(feedback, cancellationToken);
        session.RecordVote(feedback);
        return feedback;
    }

    /// <summary>
    /// Records that an article suggested on the contact form solved the user's problem (a deflection), then stores it
    /// as a helpful answer whose query is the subject the user typed, a way of asking for the article that search learns.
    /// </summary>
    public Task SaveSolvedAsync(HelpSession session, string articleId, string language, string? route, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.RecordDeflection(articleId);
        return store.SaveFeedbackAsync(
            new ArticleFeedback
            {
                ArticleId = articleId,
                Language = language,
                Helpful = true,
                Route = route,
                Query = scrubber.ScrubQuery(subject),
                CreatedAt = time.GetUtcNow(),
            },
            cancellationToken);
    }

    /// <summary>Control characters other than line breaks and tabs become spaces; blank is none; at most <see cref="ArticleFeedback.MaxCommentLength"/> characters.</summary>
    internal static string? CleanComment(string? comment)
    {
        if (comment is null)
        {
            return null;
        }

        var cleaned = new string([.. comment.Select(c => char.IsControl(c) && c is not '\n' and not '\t' ? ' ' : c)]).Trim();
        return cleaned.Length == 0 ? null : cleaned[..Math.Min(cleaned.Length, ArticleFeedback.MaxCommentLength)];
    }
}
