using System.Globalization;
using HelpWidget.Lucene.Semantic;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpWidget.Lucene;

/// <summary>
/// Reports whether the embedded search is ready: <see cref="HealthStatus.Degraded"/> while the index is first built, and
/// while the meaning-aware vectors of a language with an embedding generator are being computed ("meaning-aware search
/// (en): 37 of 110 articles ready"; searches are ranked by words until then) or after computing them failed;
/// <see cref="HealthStatus.Healthy"/> when every language answers with its full ranking. Search keeps answering in
/// every state, so the check never reports <see cref="HealthStatus.Unhealthy"/>.
/// <para>
/// <c>AddLuceneSearch()</c> registers it as a service; add it to the app's checks by type:
/// <c>services.AddHealthChecks().AddCheck&lt;LuceneSearchHealthCheck&gt;("search")</c>. The result's data has, per
/// language, <c>{language}.articles</c> and, for a language with a generator, <c>{language}.vectors_ready</c>.
/// </para>
/// </summary>
public sealed class LuceneSearchHealthCheck : IHealthCheck
{
    private readonly LuceneKnowledgeProvider _provider;

    internal LuceneSearchHealthCheck(LuceneKnowledgeProvider provider) => _provider = provider;

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        if (_provider.CurrentSnapshot is not { } snapshot)
        {
            return HealthCheckResult.Degraded("The search index is being built; searches wait for it.");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var waiting = new List<string>();
        var ready = new List<string>();
        foreach (var (language, index) in snapshot.Languages.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var articles = index.IndexedArticles;
            data[language + ".articles"] = articles.Count;
            if (_provider.Semantic.For(language) is not { } vectors)
            {
                ready.Add(Invariant($"{language}: {articles.Count} articles by words"));
                continue;
            }

            var done = vectors.ReadyCount(articles);
            data[language + ".vectors_ready"] = done;
            if (_provider.Semantic.Ready(index) is not null)
            {
                ready.Add(Invariant($"{language}: {articles.Count} articles by meaning and words"));
            }
            else if (vectors.LastFailure is { } failure)
            {
                waiting.Add(Invariant($"meaning-aware search ({language}) failed, {done} of {articles.Count} articles ready; searched by words until the articles change ({failure.GetType().Name}: {failure.Message})"));
            }
            else
            {
                waiting.Add(Invariant($"meaning-aware search ({language}): {done} of {articles.Count} articles ready; searched by words until all are"));
            }
        }

        return waiting.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", waiting), data: data)
            : HealthCheckResult.Healthy("Search ready: " + (ready.Count > 0 ? string.Join("; ", ready) : "no articles"), data);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
