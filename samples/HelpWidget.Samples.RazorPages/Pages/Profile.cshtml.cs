using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpWidget.Samples.RazorPages.Pages;

/// <summary>The profile: Alex's for anyone not signed in, the demo person's own otherwise.</summary>
public sealed class ProfileModel : PageModel
{
    public string Name { get; private set; } = "Alex Lindqvist";

    public string UserName { get; private set; } = "alex.lindqvist";

    [BindProperty]
    public string? Phone { get; set; } = "+46 70 000 00 00";

    [BindProperty]
    public string? Address { get; set; } = "Storgatan 1, 111 22 Stockholm";

    [BindProperty]
    public string? Emergency { get; set; }

    public string? Status { get; private set; }

    public void OnGet() => WhoIsSignedIn();

    public void OnPost()
    {
        WhoIsSignedIn();
        Status = Text.T("Your changes are saved.", "Dina ändringar är sparade.");
    }

    private void WhoIsSignedIn()
    {
        if (DemoPerson.Of(User) is { } person)
        {
            (Name, UserName) = (person.Name, person.Key);
        }
    }
}
