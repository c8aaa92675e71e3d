namespace HelpWidget.Testing;

/// <summary>Areas: a search narrowed to an area, and browsing an area with an empty query.</summary>
public abstract partial class KnowledgeProviderConformanceTests
{
    /// <summary>Gets area ids that name no area: path traversal, markup, query syntax, control characters, oversize input.</summary>
    public static TheoryData<string> HostileAreas { get; } =
    [
        "../accounts", "accounts/..", "<script>alert(1)</script>", "accounts OR money", "*", "acc*", "accounts\u0000",
        "\u202Eaccounts", " ", "", new string('a', 3000), "area:accounts",
    ];

#pragma warning disable CS1591 // Each test is documented by its name (Method_Scenario_Expectation), which is what a test runner reports.
    [Fact]
    public async Task SearchAsync_AreaWithEmptyQuery_ListsTheAreasArticlesByTitleWhenNoneHasAnswers()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Area = "money", User = s_manager }, Token);

        Assert.Equal(["expense-approve", "salary-review", "expense-claim"], results.Hits.Select(h => h.Id));
        Assert.All(results.Hits, h => Assert.Equal("money", h.Area));
    }

    [Fact]
    public async Task SearchAsync_AreaWithEmptyQuery_ListsOnlyArticlesTheUserMaySee()
    {
        var anonymous = await Provider.SearchAsync(new SearchRequest { Area = "money", Query = "   " }, Token);
        var hr = await Provider.SearchAsync(new SearchRequest { Area = "money", User = new HelpUser { Audiences = ["hr"] } }, Token);

        Assert.Equal(["expense-claim"], anonymous.Hits.Select(h => h.Id));
        Assert.Equal(["salary-review", "expense-claim"], hr.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_AreaWithEmptyQuery_RespectsMaxResults()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Area = "money", User = s_manager, MaxResults = 2 }, Token);

        Assert.Equal(2, results.Hits.Count);
    }

    [Fact]
    public async Task SearchAsync_AreaWithEmptyQuery_TakesTheUsersLanguageAndTheDefaultForTheRest()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Area = "accounts", Language = "sv-SE" }, Token);

        Assert.Equal([("password-reset", "sv"), ("vpn-connect", "en")], results.Hits.Select(h => (h.Id, h.Language)));
    }

    [Fact]
    public async Task SearchAsync_AreaIdInOtherCase_FindsTheSameArticles()
    {
        var lower = await Provider.SearchAsync(new SearchRequest { Area = "accounts" }, Token);
        var upper = await Provider.SearchAsync(new SearchRequest { Area = "ACCOUNTS" }, Token);

        Assert.Equal(["vpn-connect", "password-reset"], lower.Hits.Select(h => h.Id));
        Assert.Equal(lower.Hits.Select(h => h.Id), upper.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_QueryInArea_FindsOnlyThatAreasArticles()
    {
        const string query = "password expense claim vpn";
        var everywhere = await Provider.SearchAsync(new SearchRequest { Query = query }, Token);
        var accounts = await Provider.SearchAsync(new SearchRequest { Query = query, Area = "accounts" }, Token);
        var money = await Provider.SearchAsync(new SearchRequest { Query = query, Area = "money" }, Token);

        Assert.Contains(everywhere.Hits, h => h.Id == "expense-claim");
        Assert.Equal(["password-reset", "vpn-connect"], accounts.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["expense-claim"], money.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_QueryInArea_NeverLeaksARestrictedArticle()
    {
        var anonymous = await Provider.SearchAsync(new SearchRequest { Query = "approve salary managers", Area = "money" }, Token);
        var manager = await Provider.SearchAsync(new SearchRequest { Query = "approve salary managers", Area = "money", User = s_manager }, Token);

        Assert.DoesNotContain(anonymous.Hits, h => h.Id is "expense-approve" or "salary-review");
        Assert.Contains(manager.Hits, h => h.Id == "expense-approve");
    }

    [Fact]
    public async Task SearchAsync_QueryOutsideTheArea_FindsNothing()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = "vpn", Area = "money" }, Token);

        Assert.Empty(results.Hits);
    }

    [Fact]
    public async Task SearchAsync_EmptyQueryWithoutArea_FindsNothing()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = "", User = s_manager }, Token);

        Assert.Empty(results.Hits);
    }

    [Fact]
    public async Task SearchAsync_Hits_CarryTheirArea()
    {
        var password = await Provider.SearchAsync(new SearchRequest { Query = "password" }, Token);
        var suggested = await Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/expenses" } }, Token);

        Assert.Equal("accounts", password.Hits[0].Area);
        Assert.Equal("money", suggested.Hits[0].Area);
    }

    [Theory]
    [MemberData(nameof(HostileAreas))]
    public async Task SearchAsync_HostileArea_FindsNothing(string area)
    {
        var browse = await Provider.SearchAsync(new SearchRequest { Area = area, User = s_manager }, Token);
        var search = await Provider.SearchAsync(new SearchRequest { Area = area, Query = "password expense", User = s_manager }, Token);

        Assert.Empty(browse.Hits);
        Assert.Empty(search.Hits);
    }
#pragma warning restore CS1591
}
