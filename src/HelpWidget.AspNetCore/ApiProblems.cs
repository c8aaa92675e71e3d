using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HelpWidget.AspNetCore;

/// <summary>
/// The API's errors as ProblemDetails: a stable English <c>title</c> and a <c>code</c> for programs, and a
/// <c>detail</c> for a person in the language of the request's <c>Accept-Language</c> (English or Swedish).
/// </summary>
internal static class ApiProblems
{
    private static readonly Dictionary<string, (string Title, string English, string Swedish)> s_messages = new(StringComparer.Ordinal)
    {
        ["required"] = ("A value is missing.", "{0} is required.", "{0} måste anges."),
        ["too_long"] = ("A value is too long.", "{0} is longer than {1} characters.", "{0} är längre än {1} tecken."),
        ["control_character"] = ("A value holds a control character.", "{0} contains a control character.", "{0} innehåller ett styrtecken."),
        ["invalid_unicode"] = ("A value is not valid Unicode.", "{0} is not valid Unicode text.", "{0} är inte giltig Unicode-text."),
        ["invalid_language"] = ("The language is not a language tag.", "lang must be a language tag such as en or sv-SE.", "lang måste vara en språkkod som en eller sv-SE."),
        ["invalid_route"] = ("The route is not a path.", "route must be a path that starts with /.", "route måste vara en sökväg som börjar med /."),
        ["too_many_values"] = ("Too many values.", "{0} may hold at most {1} values.", "{0} får ha högst {1} värden."),
        ["invalid_flag"] = ("A flag is not true or false.", "{0} must be true or false.", "{0} måste vara true eller false."),
        ["all_with_context"] = ("all=true takes no context.", "all=true lists every page and language: leave out lang, route and keys.", "all=true visar alla sidor och språk: utelämna lang, route och keys."),
        ["invalid_max"] = ("The result count is out of range.", "max must be a whole number from 1 to {0}.", "max måste vara ett heltal från 1 till {0}."),
        ["article_not_found"] = ("Not found.", "There is no such article.", "Artikeln finns inte."),
        ["announcement_not_found"] = ("Not found.", "There is no such announcement.", "Meddelandet finns inte."),
        ["not_found"] = ("Not found.", "There is nothing at this address.", "Det finns inget på den här adressen."),
        ["store_unavailable"] = ("Help is unavailable for a moment.", "Help cannot reach its storage just now. Try again in {0} seconds.", "Hjälpen når inte sin lagring just nu. Försök igen om {0} sekunder."),
        ["body_too_large"] = ("The request body is too large.", "The request body is larger than {0} bytes.", "Begärans innehåll är större än {0} byte."),
        ["malformed_json"] = ("The request body is not valid JSON.", "The request body is not JSON of the expected shape.", "Begärans innehåll är inte JSON i den väntade formen."),
        ["unsupported_media_type"] = ("The request body is not JSON.", "The request body must be JSON (application/json).", "Begärans innehåll måste vara JSON (application/json)."),
        ["invalid_feedback"] = ("The feedback breaks a rule.", "Some fields of the feedback are not valid; see errors.", "Några fält i svaret är inte giltiga; se errors."),
        ["cross_site_request"] = ("A request from another site was refused.", "This site may not send requests to help on your behalf.", "Den här webbplatsen får inte skicka förfrågningar till hjälpen åt dig."),
        ["sign_in_required"] = ("Sign-in required.", "Sign in to send a ticket or read it back.", "Logga in för att skicka ett ärende eller läsa det igen."),
        ["multipart_required"] = ("The request body is not multipart.", "A ticket is sent as multipart/form-data with a ticket part.", "Ett ärende skickas som multipart/form-data med en ticket-del."),
        ["tickets_not_offered"] = ("Tickets are not offered.", "Tickets cannot be sent from here; use the help articles or the contact details.", "Ärenden kan inte skickas härifrån; använd hjälpartiklarna eller kontaktuppgifterna."),
        ["invalid_ticket"] = ("The ticket breaks a rule.", "Some fields of the ticket are not valid; see errors.", "Några fält i ärendet är inte giltiga; se errors."),
        ["ticket_not_found"] = ("Not found.", "There is no such ticket.", "Ärendet finns inte."),
        ["idempotency_key_in_use"] = ("The idempotency key is in use.", "Send the ticket again with a new idempotency key.", "Skicka ärendet igen med en ny idempotensnyckel."),
        ["invalid_events"] = ("The events break a rule.", "Some events are not valid; see errors. None of the batch was recorded.", "Några händelser är inte giltiga; se errors. Inget i omgången sparades."),
        ["too_many_events"] = ("Too many events.", "One request may carry at most {0} events.", "En begäran får innehålla högst {0} händelser."),
        ["unknown_kind"] = ("The kind is unknown.", "kind must be one of the event kinds, such as search or articleViewed.", "kind måste vara en av händelsetyperna, till exempel search eller articleViewed."),
        ["unknown_source"] = ("The source is unknown.", "source must be suggestion, search, fieldHelp, deepLink, related or unknown.", "source måste vara suggestion, search, fieldHelp, deepLink, related eller unknown."),
        ["time_out_of_range"] = ("The time is out of range.", "occurredAt must be within the last {0} hours and at most {1} minutes ahead of the server's clock.", "occurredAt måste ligga inom de senaste {0} timmarna och högst {1} minuter före serverns klocka."),
        ["invalid_session_id"] = ("The session id is not valid.", "sessionId must be 8 to 64 letters, digits, '-' or '_'.", "sessionId måste vara 8 till 64 bokstäver, siffror, '-' eller '_'."),
        ["invalid_id"] = ("An id is not valid.", "{0} must be an id: letters, digits, '.', '-' and '_', at most 128.", "{0} måste vara ett id: bokstäver, siffror, '.', '-' och '_', högst 128."),
        ["invalid_count"] = ("A count is out of range.", "resultCount must be a whole number from 0 to {0}, 0 exactly for a zero-result search.", "resultCount måste vara ett heltal från 0 till {0}, exakt 0 för en sökning utan träffar."),
        ["rate_limited"] = ("Too many requests.", "Too many requests; try again in {0} seconds.", "För många förfrågningar; försök igen om {0} sekunder."),
        ["server_error"] = ("The help service failed.", "Help could not answer just now; try again later.", "Hjälpen kunde inte svara just nu; försök igen senare."),
    };

    /// <summary>Gets the ProblemDetails of a rule, with its detail in the caller's language.</summary>
    public static ProblemDetails Create(HttpContext http, int status, string code, params object[] arguments)
    {
        var (title, english, swedish) = s_messages[code];
        var template = PrefersSwedish(http) ? swedish : english;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = string.Format(CultureInfo.InvariantCulture, template, arguments),
            Instance = http.Request.Path,
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>Gets the message of a rule in the caller's language, for one field of a validation problem.</summary>
    public static string Message(HttpContext http, string code, params object[] arguments)
    {
        var (_, english, swedish) = s_messages[code];
        return string.Format(CultureInfo.InvariantCulture, PrefersSwedish(http) ? swedish : english, arguments);
    }

    /// <summary>Gets a result that writes the problem as <c>application/problem+json</c>.</summary>
    public static ProblemHttpResult Result(HttpContext http, int status, string code, params object[] arguments) =>
        TypedResults.Problem(Create(http, status, code, arguments));

    /// <summary>Gets the code and arguments of a text rule broken by a parameter.</summary>
    public static (string Code, object[] Arguments) ForInput(InputProblem problem, string field, int maxLength) => problem switch
    {
        InputProblem.Required => ("required", [field]),
        InputProblem.TooLong => ("too_long", [field, maxLength]),
        InputProblem.ControlCharacter => ("control_character", [field]),
        _ => ("invalid_unicode", [field]),
    };

    private static bool PrefersSwedish(HttpContext http)
    {
        var languages = http.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            if (language.Quality is 0)
            {
                continue;
            }

            var tag = language.Value.Value ?? string.Empty;
            if (tag.StartsWith("sv", StringComparison.OrdinalIgnoreCase) && (tag.Length == 2 || tag[2] == '-'))
            {
                return true;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) && (tag.Length == 2 || tag[2] == '-'))
            {
                return false;
            }
        }

        return false;
    }
}
