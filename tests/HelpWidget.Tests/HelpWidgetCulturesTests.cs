namespace HelpWidget.Tests;

public sealed class HelpWidgetCulturesTests
{
    [Theory]
    [InlineData("sv")]
    [InlineData("nb-NO")]
    [InlineData("fi")]
    public void Find_ACultureThisProcessKnows_ReturnsIt(string name) =>
        Assert.Equal(name, HelpWidgetCultures.Find(name)?.Name, StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a culture")]
    [InlineData("../../etc/passwd")]
    [InlineData("<script>")]
    [InlineData("sv\n")]
    public void Find_ANameNoCultureHas_ReturnsNull(string? name) =>
        Assert.Null(HelpWidgetCultures.Find(name));

    [Fact]
    public void Available_KeepsTheCulturesItCanCreate_InTheirOrder() =>
        Assert.Equal(["fi", "en", "sv"], HelpWidgetCultures.Available("fi", "not a culture", "en", "", "sv"));

    [Fact]
    public void Available_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => HelpWidgetCultures.Available(null!));
}
