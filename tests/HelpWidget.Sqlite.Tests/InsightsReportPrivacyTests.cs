using FsCheck;
using FsCheck.Fluent;
using HelpWidget.Testing;
using HelpWidget.Tests.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Sqlite.Tests;

/// <summary>
/// The report is what the dashboard shows, exports as CSV and turns into article drafts: the free text in it (the
/// comments given with "No") never gives back an e-mail address, phone number, Nordic identity number or card number
/// a user typed, however it was written around.
/// </summary>
public sealed class InsightsReportPrivacyTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string> s_boundary = Gen.Elements(" ", "\n", ": ", "(", ")", ", ", "\t", "\"", " - ", "\u00A0", "<b>", "=");

    private static readonly Gen<string> s_word = Gen.Elements("", "Call me on", "mitt nummer är", "kort", "mail", "😕", "x");

    private static readonly Gen<string> s_words = from first in s_word from second in s_word select first + " " + second;

    private readonly SqliteTestFolder _files = new("hw-privacy-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task CommentsInTheReport_NeverGiveBackPersonalDataTypedInThem()
    {
        var cases = (
            from before in s_words
            from open in s_boundary
            from data in ValidNumbers.Any
            from close in s_boundary
            from after in s_words
            select (Comment: before + open + data.Value + close + after, data.Kind, data.Value)).Sample(400).ToList();

        var services = new ServiceCollection();
        services.AddHelpWidget().AddSqliteStore(o => o.ConnectionString = $"Data Source={_files.PathOf("privacy.db")}");
        await using var provider = services.BuildServiceProvider();
        var feedback = provider.GetRequiredService<IHelpStore>();
        var script = new EventScript(Start);
        for (var i = 0; i < cases.Count; i++)
        {
            var article = $"article-{i}";
            script.Session($"user-{i}", $"s{i}").View(article).Vote(article, helpful: false, reason: "unclear");
            await feedback.SaveFeedbackAsync(
                new ArticleFeedback { ArticleId = article, Language = "en", Helpful = false, Comment = cases[i].Comment, CreatedAt = Start.AddMinutes(i) },
                Token);
        }

        var store = provider.GetRequiredService<IHelpEventStore>();
        await store.WriteAsync(script.Events, Token);
        var report = await store.GetReportAsync(new HelpInsightsQuery { From = Start.AddDays(-1), To = Start.AddDays(2), Top = HelpInsightsQuery.MaxTop }, Token);

        Assert.Equal(cases.Count, report.WorstRatedArticles.Count);
        foreach (var rating in report.WorstRatedArticles)
        {
            var typed = cases[int.Parse(rating.ArticleId["article-".Length..], System.Globalization.CultureInfo.InvariantCulture)];
            var comment = Assert.Single(rating.Comments);
            Assert.False(Contains(comment, typed.Value), $"The {typed.Kind} {typed.Value} survived in \"{comment}\" (typed: \"{typed.Comment}\")");
        }
    }

    /// <summary>Whether <paramref name="value"/> can be read in <paramref name="text"/>: its digits in a row (whatever separates them), or the address, in any case.</summary>
    private static bool Contains(string text, string value)
    {
        if (value.Contains('@', StringComparison.Ordinal))
        {
            return text.Contains(value, StringComparison.OrdinalIgnoreCase);
        }

        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        return new string([.. text.Where(char.IsAsciiDigit)]).Contains(digits, StringComparison.Ordinal);
    }
}
