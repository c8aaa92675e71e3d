using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace HelpWidget.Tests.Contact;

public sealed class TicketContextFactoryTests
{
    [Fact]
    public void Create_CarriesThePageAppLanguageAndWhatTheUserTried()
    {
        var session = new HelpSession();
        session.Context.TimeZone = "Europe/Helsinki";
        session.RecordSearch("vpn", 3);
        session.RecordArticle("vpn-connect", "en");
        session.RecordVote(new ArticleFeedback { ArticleId = "vpn-connect", Language = "en", Helpful = false, Reason = "outdated", CreatedAt = DateTimeOffset.UnixEpoch });

        var context = Factory(o => o.ApplicationName = "Expenses").Create(session, "/expenses/new", "fi-FI");

        Assert.Equal("/expenses/new", context["page"]);
        Assert.Equal("Expenses", context["app"]);
        Assert.Equal("fi-FI", context["culture"]);
        Assert.Equal("Europe/Helsinki", context["timeZone"]);
        Assert.Equal("vpn (3)", context["searches"]);
        Assert.Equal("vpn-connect", context["articlesRead"]);
        Assert.Equal("vpn-connect: no (outdated)", context["votes"]);
    }

    [Fact]
    public void Create_NothingTriedYet_LeavesThoseEntriesOut()
    {
        var context = Factory().Create(new HelpSession(), null, "en");

        Assert.Equal("/", context["page"]);
        Assert.DoesNotContain("searches", context.Keys);
        Assert.DoesNotContain("articlesRead", context.Keys);
        Assert.DoesNotContain("votes", context.Keys);
        Assert.DoesNotContain("timeZone", context.Keys);
    }

    [Fact]
    public void Create_AppValues_AreKeptWhenValid_ScrubbedOfPersonalData_AndCannotReplaceTheWidgetsOwn()
    {
        var session = new HelpSession();
        session.Context.Values["order"] = "Order QX-17, call 070-123 45 67";
        session.Context.Values["bad key!"] = "left out";
        session.Context.Values["page"] = "/somewhere/else";
        session.RecordSearch("my number is 070-123 45 67", 0);

        var context = Factory().Create(session, "/orders", "sv");

        Assert.Equal("Order QX-17, call [phone]", context["order"]);
        Assert.DoesNotContain("bad key!", context.Keys);
        Assert.Equal("/orders", context["page"]);
        Assert.DoesNotContain("070", context["searches"], StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoConfiguredName_TakesTheHostsName()
    {
        var context = Factory(services: s => s.AddSingleton<IHostEnvironment>(new Host("Nordhav.Intranet"))).Create(new HelpSession(), "/", "en");

        Assert.Equal("Nordhav.Intranet", context["app"]);
    }

    [Fact]
    public void Create_NoNameAndNoHost_AsInWebAssembly_TakesTheEntryAssemblysName()
    {
        var context = Factory().Create(new HelpSession(), "/", "en");

        Assert.Equal(System.Reflection.Assembly.GetEntryAssembly()!.GetName().Name, context["app"]);
    }

    private static TicketContextFactory Factory(Action<HelpWidgetOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection().AddLogging();
        collection.AddHelpWidget(configure);
        services?.Invoke(collection);
        return collection.BuildServiceProvider().GetRequiredService<TicketContextFactory>();
    }

    private sealed class Host(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = name;

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
