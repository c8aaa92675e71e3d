using HelpWidget.Testing;

namespace HelpWidget.Http.Tests;

/// <summary>Articles, announcements and tickets the client tests send and expect.</summary>
internal static class TestData
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static readonly HelpUser Owner = new() { Id = "ticket-owner", DisplayName = "Erik", Email = "erik@example.com" };

    public static readonly HelpUser Manager = new() { Id = "manager-1", Audiences = ["manager"] };

    public static IReadOnlyList<HelpArticle> Articles => KnowledgeProviderConformanceTests.Articles;

    public static readonly IReadOnlyList<HelpAnnouncement> Announcements =
    [
        new() { Id = "maintenance", Language = "en", Title = "VPN maintenance on Saturday", Html = "<p>The VPN is down on Saturday morning.</p>", Severity = AnnouncementSeverity.Warning },
        new() { Id = "maintenance", Language = "sv", Title = "Underhåll av VPN på lördag", Html = "<p>VPN är nere på lördag förmiddag.</p>", Severity = AnnouncementSeverity.Warning },
        new() { Id = "expenses-closing", Language = "en", Title = "Expense claims close on the 25th", Html = "<p>Claims after the 25th are paid next month.</p>", Contexts = ["/expenses"] },
        new() { Id = "managers-deadline", Language = "en", Title = "Salary proposals are due Friday", Html = "<p>Send them by Friday.</p>", Audiences = ["manager"] },
    ];

    public static TicketSubmission Ticket(string? key = null, params TicketAttachment[] attachments) => new()
    {
        IdempotencyKey = key ?? Guid.NewGuid().ToString("N"),
        Subject = "The VPN does not connect",
        Description = "Error 809 since this morning.\nI restarted twice.",
        Name = "Erik",
        Email = "erik@example.com",
        Language = "en",
        Route = "/profile",
        Attachments = attachments,
        SubmittedAt = DateTimeOffset.UnixEpoch,
    };

    public static TicketAttachment File(string name, string contentType, byte[] content) => new() { FileName = name, ContentType = contentType, Content = content };
}
