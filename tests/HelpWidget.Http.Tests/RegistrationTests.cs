using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Http.Tests;

/// <summary><c>AddHelpServer</c> registers every service once, keeps the app's own, and refuses wrong options with a clear message.</summary>
public sealed class RegistrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void AddHelpServer_Address_RegistersProviderStoreAnnouncementsAndConnectivity()
    {
        using var services = Services(b => b.AddHelpServer(new Uri("https://help.example")));

        Assert.Equal("HelpServerKnowledgeProvider", services.GetRequiredService<IKnowledgeProvider>().GetType().Name);
        Assert.Equal("HelpServerStore", services.GetRequiredService<IHelpStore>().GetType().Name);
        Assert.Same(services.GetRequiredService<IAnnouncementSource>(), services.GetRequiredService<IAnnouncementDismissals>());
        Assert.True(services.GetRequiredService<IHelpConnectivity>().IsOnline);
        Assert.Same(services.GetRequiredService<IHelpConnectivity>(), services.GetRequiredService<IKnowledgeProvider>().GetService(typeof(IHelpConnectivity)));
        Assert.Null(services.GetRequiredService<IKnowledgeProvider>().GetService(typeof(IHelpConnectivity), "key"));
        var options = services.GetRequiredService<IOptions<HelpServerOptions>>().Value;
        Assert.Equal(("/helpwidget/api", TimeSpan.FromHours(1)), (options.ApiPath, options.CacheDuration));
    }

    [Fact]
    public void AddHelpServer_AppRegisteredItsOwnStore_KeepsIt()
    {
        var own = new RecordingHelpStore(new NoStore());
        using var services = Services(b =>
        {
            b.Services.AddSingleton<IHelpStore>(own);
            b.AddHelpServer(new Uri("https://help.example"));
        });

        Assert.Same(own, services.GetRequiredService<IHelpStore>());
    }

    [Fact]
    public void AddHelpServer_CalledTwice_HasOneClientAndTheLastAddress()
    {
        using var services = Services(b => b
            .AddHelpServer(new Uri("https://first.example"))
            .AddHelpServer(o => o.Address = new Uri("https://second.example/apps/")));

        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(HelpServerOptions.HttpClientName);

        Assert.Equal(new Uri("https://second.example/apps/helpwidget/api/"), client.BaseAddress);
        Assert.Single(services.GetServices<IKnowledgeProvider>());
    }

    [Theory]
    [InlineData(null, "/helpwidget/api", "Address is required")]
    [InlineData("ftp://help.example", "/helpwidget/api", "Address 'ftp://help.example/' must be an absolute http or https address")]
    [InlineData("https://help.example/?tenant=1", "/helpwidget/api", "without query")]
    [InlineData("https://user:secret@help.example", "/helpwidget/api", "user information")]
    [InlineData("https://help.example", "helpwidget/api", "ApiPath 'helpwidget/api' must be a path that starts with one '/'")]
    [InlineData("https://help.example", "//evil.example/api", "ApiPath '//evil.example/api'")]
    [InlineData("https://help.example", "/help api", "ApiPath '/help api'")]
    public void Options_WrongAddressOrPath_FailWithAMessageNamingTheValue(string? address, string path, string message)
    {
        using var services = Services(b => b.AddHelpServer(o =>
        {
            o.Address = address is null ? null : new Uri(address);
            o.ApiPath = path;
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IKnowledgeProvider>());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TimesOutOfRange_FailWithEveryValueNamed()
    {
        using var services = Services(b => b.AddHelpServer(o =>
        {
            o.Address = new Uri("https://help.example");
            o.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.MaxRetryAttempts = 9;
            o.CacheDuration = TimeSpan.FromSeconds(-1);
            o.MaxCacheEntries = 0;
            o.ProbeInterval = TimeSpan.FromMinutes(2);
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HelpServerOptions>>().Value);

        Assert.Contains("AttemptTimeout is 00:05:00; it must be from 00:00:00.1000000 to 00:01:00.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetryAttempts is 9; it must be from 0 to 5.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CacheDuration is -00:00:01", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxCacheEntries is 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ProbeInterval is 00:02:00; it must be from 00:00:00.1000000 to 00:01:00.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_WrongAddress_StopTheAppFromStarting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHelpWidget().AddHelpServer(o => o.Address = new Uri("/relative", UriKind.Relative));
        using var host = builder.Build();

        // The host gathers start-up validation failures into an AggregateException.
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Token));

        var failure = Assert.IsType<OptionsValidationException>(ex is AggregateException all ? all.InnerExceptions[0] : ex);
        Assert.Contains("Address '/relative' must be an absolute http or https address", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHelpServer_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddHelpWidget();

        Assert.Throws<ArgumentNullException>(() => builder.AddHelpServer((Uri)null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddHelpServer((Action<HelpServerOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => HelpServerHelpWidgetBuilderExtensions.AddHelpServer(null!, new Uri("https://help.example")));
    }

    private static ServiceProvider Services(Action<IHelpWidgetBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services.AddHelpWidget());
        return services.BuildServiceProvider();
    }

    private sealed class NoStore : IHelpStore
    {
        public Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
