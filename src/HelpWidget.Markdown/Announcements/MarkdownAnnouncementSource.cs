using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown;

/// <summary>
/// Reads the Markdown files of <see cref="MarkdownContentOptions.AnnouncementsPath"/> on every request (they are few),
/// re-parsing only files that changed, so an edited announcement shows at once.
/// </summary>
internal sealed class MarkdownAnnouncementSource(
    IOptions<MarkdownContentOptions> options,
    ILogger<MarkdownAnnouncementSource> logger,
    IHostEnvironment? environment = null) : IAnnouncementSource
{
    private const int MaxFiles = 500;

    private static readonly EnumerationOptions s_enumeration = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
    };

    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, HelpAnnouncement? Announcement)> _parsed = new(StringComparer.Ordinal);

    public string RootPath => Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? AppContext.BaseDirectory, options.Value.AnnouncementsPath));

    public async Task<IReadOnlyList<HelpAnnouncement>> LoadAnnouncementsAsync(CancellationToken cancellationToken = default)
    {
        var root = RootPath;
        if (!Directory.Exists(root))
        {
            return [];
        }

        var settings = options.Value;
        var announcements = new List<HelpAnnouncement>();
        var seen = new HashSet<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(root, "*.md", s_enumeration).Order(StringComparer.Ordinal).Take(MaxFiles))
        {
            var info = new FileInfo(file);
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (_parsed.TryGetValue(file, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                Add(cached.Announcement);
                continue;
            }

            HelpAnnouncement? announcement = null;
            if (info.Length > settings.MaxArticleBytes)
            {
                Log.AnnouncementSkipped(logger, relative, $"it is larger than MaxArticleBytes ({settings.MaxArticleBytes} bytes).");
            }
            else
            {
                try
                {
                    var (parsed, error) = MarkdownAnnouncementParser.Parse(await File.ReadAllTextAsync(file, cancellationToken), relative, settings.DefaultLanguage);
                    announcement = parsed;
                    if (error is not null)
                    {
                        Log.AnnouncementSkipped(logger, relative, error);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Log.AnnouncementSkipped(logger, relative, $"it could not be read ({ex.Message}).");
                    continue;
                }
            }

            _parsed[file] = (info.LastWriteTimeUtc, info.Length, announcement);
            Add(announcement);
        }

        return announcements;

        void Add(HelpAnnouncement? announcement)
        {
            if (announcement is not null && seen.Add((announcement.Id, announcement.Language)))
            {
                announcements.Add(announcement);
            }
        }
    }
}
