using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpWidget.Samples.RazorPages.Pages;

/// <summary>The demo sign-in's chooser, and its posts: sign in as a made-up person, or sign out (local return addresses only).</summary>
public sealed class SignInModel : PageModel
{
    /// <summary>Gets or sets the page to return to.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(string? person)
    {
        // A stale or hand-made form that names nobody goes back to the chooser.
        if (DemoPerson.Find(person) is not { } chosen)
        {
            return RedirectToPage();
        }

        await HttpContext.SignInAsync(chosen.ToPrincipal());
        return LocalRedirect(LocalUrl.OrHome(ReturnUrl));
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync();
        return LocalRedirect(LocalUrl.OrHome(ReturnUrl));
    }
}
