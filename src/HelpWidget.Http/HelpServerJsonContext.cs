using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpWidget.Http;

/// <summary>The API's JSON contract as the server writes it (web defaults: camelCase, enums as strings), generated at build time so trimming keeps it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(HelpArticle))]
[JsonSerializable(typeof(IReadOnlyList<HelpAnnouncement>))]
[JsonSerializable(typeof(TicketReceipt))]
[JsonSerializable(typeof(TicketView))]
[JsonSerializable(typeof(FeedbackBody))]
[JsonSerializable(typeof(TicketBody))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(EventsBody))]
[JsonSerializable(typeof(IReadOnlyList<HelpAreaSummary>))]
internal sealed partial class HelpServerJsonContext : JsonSerializerContext;
