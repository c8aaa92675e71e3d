#pragma warning disable CA1822 // Until the areas of issue 16 land in the abstractions.
namespace HelpWidget.Rollout;

internal static class TemporaryAreaShim
{
    extension(ArticleHit hit)
    {
        public string? Area => null;
    }

    extension(SearchRequest request)
    {
        public string? Area => null;
    }
}
