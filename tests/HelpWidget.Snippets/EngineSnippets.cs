using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.Smtp;
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The engine and SMTP code shown in the package READMEs.</summary>
public static class EngineSnippets
{
    public static (string Scrubbed, IReadOnlyDictionary<string, string> Context) Scrub(IPersonalDataScrubber scrubber, TicketSubmission submission)
    {
        var scrubbed = scrubber.Scrub("Call me on 070-123 45 67, pnr 811218-9876"); // "Call me on [phone], pnr [personal number]"
        var context = scrubber.ScrubValues(submission.Context);
        return (scrubbed, context);
    }

    public static async Task<IReadOnlyList<TicketAttachment>> AttachAsync(IBrowserFile file, TicketAttachmentOptions options, ITicketAttachmentInspector inspector)
    {
        var upload = await AttachmentUpload.ReadAsync(file.Name, file.OpenReadStream(long.MaxValue), options.MaxFileBytes);
        var inspection = inspector.Inspect([upload]);
        if (!inspection.IsValid)
        {
            // Each problem has a Code (Empty, TooLarge, TypeNotAllowed, TypeMismatch, TooMany, TotalTooLarge),
            // the file's index and safe name, and the limit passed: enough for a message in the user's language.
            return [];
        }

        // Put inspection.Attachments (safe names, detected types) on TicketSubmission.Attachments.
        return inspection.Attachments;
    }

    public static void Sinks(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddSqliteStore()
            .AddWebhookSink(builder.Configuration.GetSection("HelpWidget:Delivery:Webhook")) // Url, Secret: signed JSON POST
            .AddTicketSink<MyServiceDeskSink>();                                             // any ITicketSink
    }

    public static void Smtp(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddSqliteStore()
            .AddSmtpSink(builder.Configuration.GetSection("HelpWidget:Smtp"));
    }
}

/// <summary>A sink for a service desk's API, as named in the engine README.</summary>
public sealed class MyServiceDeskSink : ITicketSink
{
    public string Name => "service-desk";

    public Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken) =>
        throw new TicketDeliveryException("Connect this sink to your service desk's API.") { IsPermanent = true };
}
