using System.Text.RegularExpressions;
using HelpWidget.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HelpWidget.Sqlite.Tests;

/// <summary>References a creator reads a ticket back with: random, readable, unique, and the old ones still found.</summary>
public sealed partial class TicketReferenceTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-reference-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string ConnectionString => $"Data Source={_files.PathOf("help.db")}";

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Create_Format_IsThePrefixAndThreeGroupsOfFourFromCrockfordsAlphabet()
    {
        var reference = TicketReference.Create();

        Assert.Matches(Format(), reference);
        Assert.Equal(TicketReference.Length, reference.Length);
        Assert.Equal(60, TicketReference.RandomCharacters * Math.Log2(TicketReference.Alphabet.Length));
        Assert.Equal(32, TicketReference.Alphabet.Distinct().Count());
        Assert.DoesNotContain(TicketReference.Alphabet, c => c is 'I' or 'L' or 'O' or 'U');
    }

    [Fact]
    public void Create_ManyReferences_AreDistinctAndUseEverySymbolInEveryPosition()
    {
        var references = Enumerable.Range(0, 20_000).Select(_ => TicketReference.Create()).ToList();

        Assert.Equal(references.Count, references.Distinct(StringComparer.Ordinal).Count());
        // Every one of the 32 symbols turns up in each of the 12 random positions: nothing is fixed or counted.
        foreach (var position in Enumerable.Range(3, TicketReference.Length - 3).Where(i => references[0][i] != '-'))
        {
            Assert.Equal(32, references.Select(r => r[position]).Distinct().Count());
        }
    }

    [Fact]
    public async Task SaveTicketAsync_ConsecutiveTickets_GetDistinctReferencesThatDoNotFollowEachOther()
    {
        using var store = Store();

        var references = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            references.Add((await store.SaveTicketAsync(Ticket($"k{i}"), Token)).Reference);
        }

        Assert.All(references, r => Assert.Matches(Format(), r));
        Assert.Equal(references.Count, references.Distinct(StringComparer.Ordinal).Count());
        // Not a counter: neither in the order given out nor in any order do neighbours differ by one.
        var values = references.Select(Value).ToList();
        Assert.DoesNotContain(values.Zip(values.Skip(1)), pair => pair.Second - pair.First == 1);
        var sorted = values.Order().ToList();
        Assert.DoesNotContain(sorted.Zip(sorted.Skip(1)), pair => pair.Second - pair.First == 1);
        Assert.All(references, r => Assert.DoesNotContain("HW-0000", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveTicketAsync_ReferenceAlreadyTaken_DrawsAnotherAndStoresTheTicketOnce()
    {
        var draws = new Queue<string>(["HW-AAAA-BBBB-CCCC", "HW-AAAA-BBBB-CCCC", "HW-AAAA-BBBB-CCCC", "HW-DDDD-EEEE-FFFF"]);
        var drawn = 0;
        using var store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = ConnectionString }))
        {
            NewReference = () => { drawn++; return draws.Dequeue(); },
        };

        var first = await store.SaveTicketAsync(Ticket("first"), Token);
        var second = await store.SaveTicketAsync(Ticket("second"), Token);

        Assert.Equal(("HW-AAAA-BBBB-CCCC", "HW-DDDD-EEEE-FFFF", 4), (first.Reference, second.Reference, drawn));
        Assert.Equal("first", (await store.GetTicketAsync(first.Reference, Token))?.Submission.IdempotencyKey);
        Assert.Equal("second", (await store.GetTicketAsync(second.Reference, Token))?.Submission.IdempotencyKey);
        Assert.Equal(2, (await store.GetTicketsAsync(0, 10, Token)).Count);
    }

    [Fact]
    public async Task SaveTicketAsync_GeneratorThatAlwaysCollides_FailsAfterBoundedAttemptsAndStoresNothing()
    {
        var drawn = 0;
        using var store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = ConnectionString }))
        {
            NewReference = () => { drawn++; return "HW-AAAA-BBBB-CCCC"; },
        };
        await store.SaveTicketAsync(Ticket("first"), Token);
        drawn = 0;

        var error = await Assert.ThrowsAsync<SqliteException>(() => store.SaveTicketAsync(Ticket("second"), Token));

        Assert.Equal(2067, error.SqliteExtendedErrorCode);
        Assert.Equal(SqliteHelpStore.MaxReferenceAttempts, drawn);
        Assert.Equal(["first"], (await store.GetTicketsAsync(0, 10, Token)).Select(t => t.Submission.IdempotencyKey));
    }

    [Fact]
    public async Task GetTicketAsync_ReferenceTypedInLowerCaseOrWithLookAlikes_FindsTheTicket()
    {
        var draws = new Queue<string>(["HW-0011-ABCD-EFGH"]);
        using var store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = ConnectionString })) { NewReference = draws.Dequeue };
        await store.SaveTicketAsync(Ticket("typed"), Token);

        Assert.NotNull(await store.GetTicketAsync(" hw-0011-abcd-efgh ", Token));
        Assert.NotNull(await store.GetTicketAsync("HW-OOIL-ABCD-EFGH", Token));
        Assert.Null(await store.GetTicketAsync("HW-0011-ABCD-EFG", Token));
        Assert.Null(await store.GetTicketAsync("0011-ABCD-EFGH", Token));
    }

    [Fact]
    public async Task GetTicketAsync_SequentialReferenceOfAnEarlierVersion_IsStillFound()
    {
        using (var store = Store())
        {
            await store.SaveTicketAsync(Ticket("new"), Token);
        }

        // A row written by an earlier version, which numbered its references.
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync(Token);
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO tickets (reference, idempotency_key, subject, description, name, email, context_json, submitted_at)
                VALUES ('HW-000042', 'old', 'Printer', 'Jammed.', 'Kim', 'kim@example.com', '{}', '2026-01-01T00:00:00.0000000+00:00');
                """;
            await insert.ExecuteNonQueryAsync(Token);
        }

        using var reopened = Store();
        Assert.Equal("Printer", (await reopened.GetTicketAsync("HW-000042", Token))?.Submission.Subject);
        Assert.Equal("Printer", (await reopened.GetTicketAsync("hw-000042", Token))?.Submission.Subject);
        Assert.Null(await reopened.GetTicketAsync("HW-000043", Token));
        Assert.Matches(Format(), (await reopened.SaveTicketAsync(Ticket("after"), Token)).Reference);
    }

    private static TicketSubmission Ticket(string key) => new()
    {
        IdempotencyKey = key,
        Subject = "The printer is jammed",
        Description = "Paper is stuck in tray 2.",
        Name = "Kim Berg",
        Email = "kim@example.com",
        SubmittedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };

    private SqliteHelpStore Store() => new(Options.Create(new SqliteStoreOptions { ConnectionString = ConnectionString }));

    /// <summary>The reference's 60 bits as a number, in the alphabet's order.</summary>
    private static long Value(string reference) =>
        reference[3..].Replace("-", string.Empty, StringComparison.Ordinal).Aggregate(0L, (value, c) => (value * 32) + TicketReference.Alphabet.IndexOf(c, StringComparison.Ordinal));

    [GeneratedRegex("^HW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex Format();
}
