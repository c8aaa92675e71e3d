using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpWidget.AspNetCore;

/// <summary>The API's JSON contract, generated at build time (web defaults: camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(HelpArticle))]
[JsonSerializable(typeof(IReadOnlyList<HelpAnnouncement>))]
[JsonSerializable(typeof(FeedbackBody))]
[JsonSerializable(typeof(EventsBody))]
[JsonSerializable(typeof(EventsReceipt))]
[JsonSerializable(typeof(TicketBody))]
[JsonSerializable(typeof(TicketView))]
[JsonSerializable(typeof(TicketReceipt))]
internal sealed partial class HelpWidgetApiJsonContext : JsonSerializerContext;
