namespace HelpWidget.Http;

/// <summary>
/// The areas the help server lists for the caller (<c>GET areas</c>), counted there through its own provider. The
/// answer is remembered (<see cref="HelpServerOptions.CacheDuration"/>) and given while the server cannot be reached.
/// </summary>
internal sealed class HelpServerAreaCatalog(HelpServerClient client) : IHelpAreaCatalog
{
    private const string Endpoint = "areas";

    public async Task<IReadOnlyList<HelpAreaSummary>> GetAreasAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = ApiQuery.Areas(request);
        var key = ApiQuery.CacheKey(Endpoint, request.User, path);
        if (!client.Connectivity.IsOnline && client.Cache.TryGet<IReadOnlyList<HelpAreaSummary>>(key, out var remembered))
        {
            return remembered!;
        }

        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await client.SendAsync(Endpoint, message, request.User, cancellationToken).ConfigureAwait(false);
            var areas = response.IsSuccessStatusCode
                ? await client.ReadAsync(Endpoint, response, HelpServerJsonContext.Default.IReadOnlyListHelpAreaSummary, cancellationToken).ConfigureAwait(false)
                : throw await client.RefusedAsync(Endpoint, response, cancellationToken).ConfigureAwait(false);
            client.Cache.Set(key, areas);
            return areas;
        }
        catch (HelpServerException ex) when (ex.IsUnavailable && client.Cache.TryGet<IReadOnlyList<HelpAreaSummary>>(key, out var fallback))
        {
            return fallback!;
        }
    }
}
