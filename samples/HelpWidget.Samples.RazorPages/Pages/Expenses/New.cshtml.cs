using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpWidget.Samples.RazorPages.Pages;

/// <summary>The expense claim form: it keeps what was entered and says the draft is saved (a demo: nothing is stored).</summary>
public sealed class NewExpenseModel : PageModel
{
    /// <summary>Gets the categories, in English (the value posted) and Swedish.</summary>
    public static IReadOnlyList<(string English, string Swedish)> Categories { get; } =
        [("Travel", "Resa"), ("Meals", "Måltider"), ("Mileage (own car)", "Milersättning (egen bil)"), ("Equipment", "Utrustning"), ("Other", "Övrigt")];

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public string Currency { get; set; } = "SEK";

    [BindProperty]
    public string? Description { get; set; }

    public string? Status { get; private set; }

    public void OnPost() => Status = Text.T("Draft saved. Submit it for approval when the receipt is attached.", "Utkastet är sparat. Skicka det för attest när kvittot är bifogat.");
}
