namespace HelpWidget.Delivery.Tests;

internal static class TestTickets
{
    public static TicketSubmission Create(string key, IReadOnlyList<TicketAttachment>? attachments = null, DateTimeOffset? submittedAt = null) => new()
    {
        IdempotencyKey = key,
        Subject = "Cannot submit my expense report",
        Description = "The Send button does nothing.\nI read the article on receipts.",
        Name = "Alex Lindqvist",
        Email = "alex@example.com",
        Category = "expenses",
        Fields = new Dictionary<string, string> { ["cost-centre"] = "4410" },
        Attachments = attachments ?? [],
        Language = "sv",
        Route = "/expenses/new",
        Context = new Dictionary<string, string> { ["app"] = "Nordhav Intranet 2.4", ["searches"] = "expense send (0)" },
        SubmittedAt = submittedAt ?? new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero),
    };

    /// <summary>Finds the repository's root folder from the test's output folder.</summary>
    public static DirectoryInfo RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HelpWidget.sln")))
            {
                return folder;
            }
        }

        throw new DirectoryNotFoundException("HelpWidget.sln was not found above " + AppContext.BaseDirectory);
    }
}
