using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Http.Tests;

/// <summary>
/// An app that uses a help server exactly as a WebAssembly app does (<c>AddHelpWidget().AddHelpServer(...)</c>), with
/// a credentials handler that signs each call in as the request's user, else as the app's signed-in user.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TestClient(Uri address, Action<HelpServerOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(SignIn);
        collection.AddHelpWidget()
            .AddHelpServer(options =>
            {
                options.Address = address;
                configure?.Invoke(options);
            });
        collection.AddTransient<TestCredentialsHandler>();
        collection.AddHttpClient(HelpServerOptions.HttpClientName).AddHttpMessageHandler<TestCredentialsHandler>();
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Gets the app's signed-in user, used for calls that carry no user of their own (tickets, feedback).</summary>
    public TestSignIn SignIn { get; } = new();

    public IServiceProvider Services => _services;

    public IKnowledgeProvider Provider => _services.GetRequiredService<IKnowledgeProvider>();

    public IHelpStore Store => _services.GetRequiredService<IHelpStore>();

    public IHelpConnectivity Connectivity => _services.GetRequiredService<IHelpConnectivity>();

    public IAnnouncementSource Announcements => _services.GetRequiredService<IAnnouncementSource>();

    public IAnnouncementDismissals Dismissals => _services.GetRequiredService<IAnnouncementDismissals>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Who the app says is signed in; <see langword="null"/> is nobody.</summary>
public sealed class TestSignIn
{
    public HelpUser? User { get; set; }
}

/// <summary>
/// What a host's credentials handler does: reads <see cref="HelpServerRequestOptions.User"/> and signs the call in as
/// that user (here with the test server's headers), else as the app's signed-in user.
/// </summary>
internal sealed class TestCredentialsHandler(TestSignIn signIn) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A retried request may still carry the headers of its first attempt: set them, never add a second value.
        request.Headers.Remove(HeaderSignIn.UserHeader);
        request.Headers.Remove(HeaderSignIn.RolesHeader);
        var user = request.Options.TryGetValue(HelpServerRequestOptions.User, out var requested) && requested != HelpUser.Anonymous ? requested : signIn.User;
        if (user is not null && (user.Id is not null || user.Audiences.Count > 0))
        {
            // The suite's users with roles but no id still need a sign-in for their roles to count.
            request.Headers.Add(HeaderSignIn.UserHeader, user.Id ?? "user-with-roles");
            request.Headers.Add(HeaderSignIn.RolesHeader, string.Join(',', user.Audiences));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
