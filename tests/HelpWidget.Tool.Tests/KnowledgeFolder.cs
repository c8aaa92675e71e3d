namespace HelpWidget.Tool.Tests;

/// <summary>A knowledge folder in a temporary directory, deleted when the test ends.</summary>
internal sealed class KnowledgeFolder : IDisposable
{
    public const string AreasFile = """
        areas:
          - id: basics
            order: 1
            title:
              en: The basics
              sv: Grunderna
            description:
              en: Getting started.
              sv: Att komma igång.
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hw-tool-");

    public string Path => _root.FullName;

    /// <summary>Creates a folder that passes every check: one area with five articles in English and Swedish, related links and an image.</summary>
    public static KnowledgeFolder Healthy()
    {
        var folder = new KnowledgeFolder();
        folder.Write("areas.yml", AreasFile);
        folder.Write("en/images/screen.png", "not really a png");
        for (var i = 1; i <= 5; i++)
        {
            var related = i == 1 ? "[article-2]" : "[article-1]";
            var image = i == 1 ? "\n![The screen](images/screen.png)\n" : string.Empty;
            folder.Write($"en/article-{i}.md", $"---\nid: article-{i}\ntitle: Article {i}\nsummary: Summary {i}.\nlanguage: en\narea: basics\nrelated: {related}\n---\nBody of article {i}, with **bold** text and a [link](https://example.com).\n{image}");
            folder.Write($"sv/article-{i}.md", $"---\nid: article-{i}\ntitle: Artikel {i}\nlanguage: sv\narea: basics\nrelated: {related}\n---\nText för artikel {i}.\n");
        }

        return folder;
    }

    public string Write(string relative, string text)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
