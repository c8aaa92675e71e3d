namespace HelpWidget.AspNetCore;

/// <summary>The names of the rate-limiting policies <c>AddHelpWidgetApi()</c> registers, for use on an app's own endpoints.</summary>
public static class HelpWidgetApiRateLimitPolicies
{
    /// <summary>The policy on search and suggestions: <see cref="HelpWidgetApiOptions.SearchPermitLimit"/> per caller and window.</summary>
    public const string Search = "HelpWidget.Search";

    /// <summary>The policy on feedback: <see cref="HelpWidgetApiOptions.FeedbackPermitLimit"/> per caller and window.</summary>
    public const string Feedback = "HelpWidget.Feedback";

    /// <summary>The policy on tickets: <see cref="HelpWidgetApiOptions.TicketPermitLimit"/> per caller and window.</summary>
    public const string Tickets = "HelpWidget.Tickets";

    /// <summary>The policy on insight events from remote widgets: <see cref="HelpWidgetApiOptions.EventPermitLimit"/> requests per caller and window.</summary>
    public const string Events = "HelpWidget.Events";
}
