using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components;

/// <summary>The Browse view's wiring: the areas, opening one, its articles, and widening its search to all help.</summary>
public sealed partial class HelpPanel
{
    /// <summary>The user and language the areas were loaded for; <see langword="null"/> before the first load.</summary>
    private string? _areasKey;

    /// <summary>Loads the areas the user may browse when the panel opens, once per user and language.</summary>
    private async Task LoadAreasAsync()
    {
        if (Services.GetService<IHelpAreaCatalog>() is not { } catalog)
        {
            return;
        }

        var user = User ?? HelpUser.Anonymous;
        var key = string.Join('\n', user.Id, string.Join(',', user.Audiences), Language);
        if (_areasKey == key)
        {
            return;
        }

        try
        {
            _areas = await catalog.GetAreasAsync(new SearchRequest { User = user, Language = Language });
            _areasKey = key;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Browsing is a convenience: without it the panel still searches; the next opening tries again.
            Logger.AreasFailed(ex);
            NoticeOffline();
        }
    }

    private Task OpenBrowseAsync()
    {
        Nav.Navigate(PanelView.Browse);
        _focus = FocusTarget.Title;
        return Task.CompletedTask;
    }

    private Task OpenAreaAsync(string areaId)
    {
        _memory.AreaQuery = string.Empty;
        Nav.Navigate(PanelView.Browse, areaId: areaId);
        _focus = FocusTarget.Title;
        return Task.CompletedTask;
    }

    /// <summary>Opens an article listed in an area: found by the search narrowed to the area, or browsed.</summary>
    private Task OpenAreaArticleAsync(string id)
    {
        var searched = !string.IsNullOrWhiteSpace(_memory.AreaQuery);
        _articleQuery = searched ? _memory.AreaQuery : null;
        return OpenArticleAsync(id, searched ? HelpArticleSource.Search : HelpArticleSource.Unknown);
    }

    /// <summary>Widens the search in an area to all help, keeping what the user typed.</summary>
    private async Task SearchAllAsync(string query)
    {
        _memory.AreaQuery = string.Empty;
        Nav.Navigate(PanelView.Search);
        await SearchForAsync(query);
    }
}
