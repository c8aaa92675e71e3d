namespace HelpWidget.AspNetCore.Tests;

/// <summary>A small knowledge base written to disk for each server: one article and one announcement only for managers.</summary>
internal static class TestKnowledgeBase
{
    public const string RestrictedArticle = "salary-review";

    public const string RestrictedAnnouncement = "managers-deadline";

    public const string PublicAnnouncement = "maintenance";

    /// <summary>An announcement for the pages under <c>/remote</c> only.</summary>
    public const string RemoteAnnouncement = "remote-office";

    public static void WriteTo(string root)
    {
        Write(root, "KnowledgeBase/en/vpn.md", """
            ---
            id: vpn
            title: Connect to the VPN
            summary: How to connect to the company VPN when you work remotely.
            tags: [vpn, remote]
            contexts: [/remote, remote]
            related: [salary-review, password-reset]
            ---
            Start the VPN client and sign in with your company account. The VPN protects your connection when you work remotely.
            """);
        Write(root, "KnowledgeBase/en/salary-review.md", """
            ---
            id: salary-review
            title: Salary review for your team
            summary: How managers run the yearly salary review, also over the VPN.
            tags: [salary, review, vpn]
            contexts: [/remote, remote]
            audience: [manager]
            related: [vpn]
            ---
            Managers open the salary review, connect to the VPN when they work remotely, and propose a salary for each person in the team.
            """);
        Write(root, "KnowledgeBase/en/password-reset.md", """
            ---
            id: password-reset
            title: Reset your password
            summary: How to choose a new password when you forgot the old one.
            tags: [password, account]
            contexts: [/account, account, /remote]
            related: [vpn]
            ---
            Open the account page and choose Forgot password. A link to set a new password arrives by e-mail; the VPN accepts it at once.
            """);
        Write(root, "Announcements/en/maintenance.md", """
            ---
            id: maintenance
            title: VPN maintenance on Saturday
            severity: warning
            ---
            The VPN is down for maintenance on Saturday morning.
            """);
        Write(root, "Announcements/sv/maintenance.md", """
            ---
            id: maintenance
            title: Underhåll av VPN på lördag
            severity: warning
            ---
            VPN är nere för underhåll på lördag förmiddag.
            """);
        Write(root, "Announcements/en/remote-office.md", """
            ---
            id: remote-office
            title: The remote office closes at six
            contexts: [/remote]
            ---
            The remote office closes at six this week.
            """);
        Write(root, "Announcements/en/managers-deadline.md", """
            ---
            id: managers-deadline
            title: Salary proposals are due Friday
            audience: [manager]
            ---
            Managers send their salary proposals by Friday.
            """);
    }

    private static void Write(string root, string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
