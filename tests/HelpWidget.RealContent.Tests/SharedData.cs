namespace HelpWidget.RealContent.Tests;

internal static class SharedData
{
    public static string Root { get; } = Find();

    public static string KbOutlook => Path.Combine(Root, "data", "kb-outlook");

    public static string EvalSet(string name) => Path.Combine(Root, "eval", name);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
        {
            directory = directory.Parent;
        }

        var shared = directory?.Parent is { } parent ? Path.Combine(parent.FullName, "shared") : null;
        return shared is not null && Directory.Exists(shared)
            ? shared
            : throw new InvalidOperationException("../shared is not beside the repository; test.sh runs these tests only when it is.");
    }
}
