namespace HelpWidget.Browser.Tests;

/// <summary>
/// Where the browser tests put their pictures: <c>TestResults/screenshots</c> at the repository's root (or the folder
/// in <c>HW_SCREENSHOTS</c>); with <c>HW_UPDATE_SCREENSHOTS=1</c>, the gallery pictures go to <c>docs/images</c> instead.
/// </summary>
internal static class Screenshots
{
    private static readonly Lazy<string> s_folder = new(() => Create(
        Environment.GetEnvironmentVariable("HW_SCREENSHOTS") is { Length: > 0 } folder ? folder
        : Path.Combine(RepositoryRoot() ?? AppContext.BaseDirectory, "TestResults", "screenshots")));

    private static readonly Lazy<string> s_galleryFolder = new(() => Environment.GetEnvironmentVariable("HW_UPDATE_SCREENSHOTS") == "1"
        ? Create(Path.Combine(RepositoryRoot() ?? throw new InvalidOperationException("HW_UPDATE_SCREENSHOTS=1 needs the tests to run from the repository, which holds docs/images."), "docs", "images"))
        : Folder);

    /// <summary>Gets the folder of the pictures of every state the tests check.</summary>
    public static string Folder => s_folder.Value;

    /// <summary>Gets the folder of the gallery pictures.</summary>
    public static string GalleryFolder => s_galleryFolder.Value;

    private static string Create(string folder) => Directory.CreateDirectory(folder).FullName;

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
