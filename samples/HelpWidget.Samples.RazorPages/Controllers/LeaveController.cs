using Microsoft.AspNetCore.Mvc;

namespace HelpWidget.Samples.RazorPages.Controllers;

/// <summary>
/// The leave request, served by an MVC controller and view (Views/Leave/Index.cshtml) to show that the tag helpers work
/// the same in MVC: the view declares its help context and the shared layout places the Help button.
/// </summary>
[Route("leave")]
public sealed class LeaveController : Controller
{
    [HttpGet]
    public IActionResult Index() => View(new LeaveRequest());

    [HttpPost]
    [ValidateAntiForgeryToken]
    public IActionResult Index(LeaveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Status = Text.T("Your request was sent to your manager.", "Din ansökan har skickats till din chef.");
        return View(request);
    }
}

/// <summary>What the leave request form posts (a demo: nothing is stored).</summary>
public sealed class LeaveRequest
{
    public string Type { get; set; } = "Vacation";

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Comment { get; set; }

    public string? Status { get; set; }
}
