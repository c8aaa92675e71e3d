using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpWidget.AspNetCore;

/// <summary>
/// The rules for what a view passes to the tag helpers, and what happens to a value that breaks them: in Development
/// the page fails with the rule (the developer sees it at once), elsewhere the value is left out with a warning, so a
/// hostile value that reached a view (from a route or a query) never reaches the page and never breaks it.
/// </summary>
internal static class TagHelperInput
{
    /// <summary>The longest topic, as <see cref="HelpContextDeclaration"/> allows for a key.</summary>
    public const int MaxTopicLength = 100;

    /// <summary>The longest field label.</summary>
    public const int MaxLabelLength = 100;

    /// <summary>What is wrong with a topic; <see langword="null"/> when it may be declared.</summary>
    public static string? TopicProblem(string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return "topic is empty: name the page's help context, such as topic=\"expenses\".";
        }

        try
        {
            // The session's rule for a context key, so the embed's circuit accepts what the page declares.
            new HelpContextDeclaration { Keys = [topic.Trim()] }.Validate();
        }
        catch (ArgumentException)
        {
            return $"topic must be 1 to {MaxTopicLength} characters without control characters.";
        }

        return topic.Any(c => c is '<' or '>' or '`') ? "topic must not contain markup (<, > or `)." : null;
    }

    /// <summary>What is wrong with an article id; <see langword="null"/> when it has the shape of one.</summary>
    public static string? ArticleProblem(string? article) => ApiInput.IsId(article)
        ? null
        : "article must be an article's id: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit, such as article=\"expense-mileage\".";

    /// <summary>What is wrong with a field's label; <see langword="null"/> when it may name the button.</summary>
    public static string? LabelProblem(string? label) =>
        label is null || (label.Length <= MaxLabelLength && !label.Any(char.IsControl))
            ? null
            : $"label must be at most {MaxLabelLength} characters without control characters.";

    /// <summary>Fails the page in Development; elsewhere logs a warning and lets the caller leave the value out.</summary>
    /// <exception cref="InvalidOperationException">The app runs in Development.</exception>
    public static void Refuse(HttpContext http, string tag, string problem)
    {
        var services = http.RequestServices;
        if (services.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            throw new InvalidOperationException($"HelpWidget <{tag}>: {problem} (In other environments the value is left out of the page with a warning.)");
        }

        TagHelperLog.ValueDropped(Logger(http), tag, http.Request.Path, problem);
    }

    public static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(TagHelperLog.Category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The services <c>AddHelpWidgetTagHelpers()</c> registers, or a message that says to call it.</summary>
    /// <exception cref="InvalidOperationException"><c>AddHelpWidgetTagHelpers()</c> was not called.</exception>
    public static HelpWidgetTagHelperServices Services(HttpContext http) =>
        http.RequestServices.GetService<HelpWidgetTagHelperServices>()
        ?? throw new InvalidOperationException(
            "The HelpWidget tag helpers need their services: call builder.Services.AddHelpWidgetTagHelpers() in Program.cs (docs/hosts.md, \"Razor Pages and MVC\").");
}
