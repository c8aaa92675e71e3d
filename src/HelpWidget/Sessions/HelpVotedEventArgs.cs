namespace HelpWidget;

/// <summary>Provides data for <see cref="HelpSession.Voted"/>: an answer to "Was this helpful?" that was stored.</summary>
public sealed class HelpVotedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="HelpVotedEventArgs"/> class.</summary>
    /// <param name="feedback">The stored answer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="feedback"/> is <see langword="null"/>.</exception>
    public HelpVotedEventArgs(ArticleFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        Feedback = feedback;
    }

    /// <summary>Gets the stored answer: the article, whether it helped, the reason and comment.</summary>
    public ArticleFeedback Feedback { get; }

    /// <summary>Gets the id of the article answered for.</summary>
    public string ArticleId => Feedback.ArticleId;

    /// <summary>Gets a value indicating whether the article helped.</summary>
    public bool Helpful => Feedback.Helpful;
}
