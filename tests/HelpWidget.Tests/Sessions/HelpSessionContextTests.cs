namespace HelpWidget.Tests.Sessions;

public sealed class HelpSessionContextTests
{
    [Fact]
    public void Declare_Nested_JoinsContexts_AndDisposingRemovesOnlyItsOwn()
    {
        var context = new HelpSession().Context;
        var changes = 0;
        context.Changed += (_, _) => changes++;

        using var outer = context.Declare(new HelpContextDeclaration { Keys = ["expenses"], Topic = "Expenses" });
        var inner = context.Declare(new HelpContextDeclaration { Keys = ["Expenses", "mileage"], Tags = ["car"], Topic = "Mileage" });

        var resolved = context.Resolve("/expenses/new");
        Assert.Equal("/expenses/new", resolved.Route);
        Assert.Equal(["expenses", "mileage"], resolved.Keys);
        Assert.Equal(["car"], resolved.Tags);
        Assert.Equal("Mileage", context.Topic);

        inner.Dispose();
        inner.Dispose();

        Assert.Equal(["expenses"], context.Resolve("/").Keys);
        Assert.Equal("Expenses", context.Topic);
        Assert.Equal(3, changes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tkey")]
    [InlineData("<script>\u0000")]
    public void Declare_BadKey_IsRefused(string key)
    {
        var context = new HelpSession().Context;

        Assert.Throws<ArgumentException>("Keys", () => context.Declare(new HelpContextDeclaration { Keys = [key] }));
        Assert.Empty(context.Declarations);
    }

    [Fact]
    public void Declare_TooManyTags_OrLongTopic_IsRefused()
    {
        var context = new HelpSession().Context;

        Assert.Throws<ArgumentException>("Tags", () => context.Declare(new HelpContextDeclaration { Tags = [.. Enumerable.Range(0, 21).Select(i => $"t{i}")] }));
        Assert.Throws<ArgumentException>("Topic", () => context.Declare(new HelpContextDeclaration { Topic = new string('x', 101) }));
    }

    [Theory]
    [InlineData("Europe/Oslo", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("Etc/GMT+1", true)]
    [InlineData("", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("Europe/Oslo\r\nX: y", false)]
    [InlineData("<script>alert(1)</script>", false)]
    public void TimeZone_AcceptsOnlyTimeZoneIds(string value, bool valid)
    {
        var context = new HelpSession().Context;

        if (valid)
        {
            context.TimeZone = value;
            Assert.Equal(value, context.TimeZone);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => context.TimeZone = value);
            Assert.Null(context.TimeZone);
        }
    }

    [Fact]
    public void ValidValues_LeaveOutBadKeysAndValues_AndKeepAtMostTwenty()
    {
        var context = new HelpSession().Context;
        for (var i = 0; i < 30; i++)
        {
            context.Values[$"k{i}"] = "v";
        }

        context.Values["k0"] = "bell\u0007";
        context.Values["k1"] = new string('x', 1001);

        var valid = context.ValidValues().ToList();

        Assert.Equal(HelpSessionContext.MaxValues, valid.Count);
        Assert.DoesNotContain(valid, e => e.Key is "k0" or "k1");
    }
}
