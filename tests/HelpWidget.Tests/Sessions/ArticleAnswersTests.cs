using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Tests.Sessions;

public sealed class ArticleAnswersTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingStore _store = new();

    private static readonly HelpArticle s_vpn = new() { Id = "vpn-connect", Language = "sv", Title = "VPN", Summary = "s", Html = "<p>b</p>" };

    [Fact]
    public async Task SaveAsync_StoresTheAnswerWithTheSearchScrubbed_ThenRecordsItInTheSession()
    {
        var session = new HelpSession();
        var voted = new List<HelpVotedEventArgs>();
        session.Voted += (_, e) => voted.Add(e);

        var stored = await Answers().SaveAsync(session, s_vpn, "f1", helpful: false, "outdated", "Steps\u0007 changed ", "/vpn", "vpn call 070-123 45 67", TestContext.Current.CancellationToken);

        var saved = Assert.Single(_store.Feedback);
        Assert.Same(saved, stored);
        Assert.Equal(("f1", "vpn-connect", "sv", false, "outdated", "/vpn"), (saved.FeedbackId, saved.ArticleId, saved.Language, saved.Helpful, saved.Reason, saved.Route));
        Assert.Equal("Steps  changed", saved.Comment);
        Assert.DoesNotContain("070", saved.Query, StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow(), saved.CreatedAt);
        Assert.Same(saved, Assert.Single(voted).Feedback);
        Assert.Same(saved, Assert.Single(session.Activity.Votes));
    }

    [Fact]
    public async Task SaveAsync_StoreFails_RecordsNothing()
    {
        var session = new HelpSession();
        _store.Fail = true;

        await Assert.ThrowsAsync<IOException>(() => Answers().SaveAsync(session, s_vpn, "f1", helpful: true, null, null, "/", null, TestContext.Current.CancellationToken));

        Assert.Empty(session.Activity.Votes);
    }

    [Fact]
    public async Task SaveSolvedAsync_RecordsTheDeflection_AndStoresAHelpfulAnswerWithTheSubjectAsQuery()
    {
        var session = new HelpSession();

        await Answers().SaveSolvedAsync(session, "printer-queue", "en", "/print", "Printer stuck, ring me at 070-123 45 67", TestContext.Current.CancellationToken);

        Assert.Equal(1, session.Activity.Deflections);
        var saved = Assert.Single(_store.Feedback);
        Assert.True(saved.Helpful);
        Assert.StartsWith("Printer stuck", saved.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("070", saved.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveSolvedAsync_StoreFails_TheDeflectionCountsAllTheSame()
    {
        var session = new HelpSession();
        _store.Fail = true;

        await Assert.ThrowsAsync<IOException>(() => Answers().SaveSolvedAsync(session, "printer-queue", "en", "/", "Printer", TestContext.Current.CancellationToken));

        Assert.Equal(1, session.Activity.Deflections);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("line one\nline two\ttab", "line one\nline two\ttab")]
    public void CleanComment_KeepsLineBreaksAndTabs_AndBlankIsNone(string? comment, string? expected)
    {
        Assert.Equal(expected, ArticleAnswers.CleanComment(comment));
    }

    [Fact]
    public void CleanComment_TooLong_IsCut()
    {
        Assert.Equal(ArticleFeedback.MaxCommentLength, ArticleAnswers.CleanComment(new string('x', ArticleFeedback.MaxCommentLength + 50))!.Length);
    }

    private ArticleAnswers Answers() => new(_store, new HelpWidget.Privacy.PersonalDataScrubber(Options.Create(new PersonalDataScrubberOptions())), _time);

    private sealed class RecordingStore : IHelpStore
    {
        public List<ArticleFeedback> Feedback { get; } = [];

        public bool Fail { get; set; }

        public Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default)
        {
            if (Fail)
            {
                throw new IOException("disk full");
            }

            Feedback.Add(feedback);
            return Task.CompletedTask;
        }

        public Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
