using System.Net;

namespace HelpWidget.Http;

/// <summary>
/// Searches, suggests and reads articles on the help server. Suggestions and articles received are remembered
/// (<see cref="HelpServerOptions.CacheDuration"/>) and answered from memory while the server cannot be reached.
/// </summary>
internal sealed class HelpServerKnowledgeProvider(HelpServerClient client) : IKnowledgeProvider
{
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Area is not null && !ApiQuery.IsId(request.Area))
        {
            // No area can have this id; the server would refuse it.
            return SearchResults.Empty;
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, ApiQuery.Search(request));
        using var response = await client.SendAsync("search", message, request.User, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await client.ReadAsync("search", response, HelpServerJsonContext.Default.SearchResults, cancellationToken).ConfigureAwait(false)
            : throw await client.RefusedAsync("search", response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = ApiQuery.Suggestions(request);
        var key = ApiQuery.CacheKey("suggestions", request.User, path);
        var results = await CachedAsync(key, "suggestions", async () =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await client.SendAsync("suggestions", message, request.User, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? await client.ReadAsync("suggestions", response, HelpServerJsonContext.Default.SearchResults, cancellationToken).ConfigureAwait(false)
                : throw await client.RefusedAsync("suggestions", response, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results!;
    }

    public async Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiQuery.IsId(request.ArticleId))
        {
            // No article can have this id; the server would answer 404 as well.
            return null;
        }

        var path = ApiQuery.Article(request.ArticleId, request.Language);
        var key = ApiQuery.CacheKey("article", request.User, path);
        return await CachedAsync(key, "article", async () =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await client.SendAsync("article", message, request.User, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            return response.IsSuccessStatusCode
                ? await client.ReadAsync("article", response, HelpServerJsonContext.Default.HelpArticle, cancellationToken).ConfigureAwait(false)
                : throw await client.RefusedAsync("article", response, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        // A decorator around this provider can ask whether help is online.
        return serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(client.Connectivity) ? client.Connectivity
            : null;
    }

    /// <summary>
    /// Asks the server, and remembers the answer; while the server is known to be offline, a remembered answer is
    /// given at once (the connectivity probe finds out when it is back), and one is given when a call finds it unreachable.
    /// </summary>
    private async Task<T?> CachedAsync<T>(string key, string endpoint, Func<Task<T?>> fetch)
        where T : class
    {
        if (!client.Connectivity.IsOnline && client.Cache.TryGet<T>(key, out var remembered))
        {
            Served(endpoint);
            return remembered;
        }

        try
        {
            var value = await fetch().ConfigureAwait(false);
            client.Cache.Set(key, value);
            return value;
        }
        catch (HelpServerException ex) when (ex.IsUnavailable && client.Cache.TryGet<T>(key, out var fallback))
        {
            Served(endpoint);
            return fallback;
        }
    }

    private void Served(string endpoint)
    {
        HelpServerTelemetry.ServedFromCache.Add(1, HelpServerTelemetry.Endpoint(endpoint));
        Log.ServedFromCache(client.Logger, endpoint);
    }
}
