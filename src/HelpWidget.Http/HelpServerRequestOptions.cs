namespace HelpWidget.Http;

/// <summary>
/// What the help server client puts into <see cref="HttpRequestMessage.Options"/> of each request, for a host's
/// <see cref="DelegatingHandler"/> on the client <see cref="HelpServerOptions.HttpClientName"/>.
/// </summary>
/// <remarks>
/// The server takes the user from the credentials of the HTTP call, never from the request's text. A host that signs
/// its calls per user (a server app calling one help server for many users) reads <see cref="User"/> and attaches
/// that user's credentials; a WebAssembly app whose browser sends the signed-in user's cookie or token needs nothing.
/// </remarks>
public static class HelpServerRequestOptions
{
    /// <summary>
    /// Gets the key of the user the request is made for: the <see cref="SearchRequest.User"/> or
    /// <see cref="ArticleRequest.User"/> of a search, suggestion or article, and the user whose announcement is
    /// dismissed. Store calls (tickets, feedback), announcement lists and probes carry none: attach the signed-in
    /// user's credentials to them.
    /// </summary>
    public static HttpRequestOptionsKey<HelpUser> User { get; } = new("HelpWidget.User");
}
