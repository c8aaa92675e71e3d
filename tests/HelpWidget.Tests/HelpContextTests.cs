namespace HelpWidget.Tests;

public sealed class HelpContextTests
{
    [Theory]
    [InlineData("/expenses", "/expenses/new", true)]
    [InlineData("/expenses/", "/expenses", true)]
    [InlineData("/Expenses", "/expenses/new", true)]
    [InlineData("/", "/anything", true)]
    [InlineData("/expenses", "/expensesx", false)]
    [InlineData("/expenses/new", "/expenses", false)]
    [InlineData("expenses", "/elsewhere", true)]
    [InlineData("payroll", "/expenses", false)]
    public void Matches_RoutesCoverTheirChildren_KeysMatchDeclaredKeys(string target, string route, bool expected)
    {
        var context = new HelpContext { Route = route, Keys = ["Expenses"] };

        Assert.Equal(expected, context.Matches(target));
    }
}
