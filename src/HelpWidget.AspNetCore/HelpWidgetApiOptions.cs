using System.ComponentModel.DataAnnotations;

namespace HelpWidget.AspNetCore;

/// <summary>Options of the HelpWidget HTTP API, set in <c>AddHelpWidgetApi()</c> or bound from configuration.</summary>
public sealed class HelpWidgetApiOptions
{
    /// <summary>
    /// Gets or sets how many searches one caller (a signed-in user, otherwise a remote IP address) may make in each
    /// <see cref="RateLimitWindow"/>, from 1 to 100,000; further searches answer 429 with <c>Retry-After</c>. Defaults to 120.
    /// </summary>
    [Range(1, 100_000)]
    public int SearchPermitLimit { get; set; } = 120;

    /// <summary>
    /// Gets or sets how many feedback answers one caller may send in each <see cref="RateLimitWindow"/>, from 1 to
    /// 100,000; further answers get 429 with <c>Retry-After</c>. Defaults to 20.
    /// </summary>
    [Range(1, 100_000)]
    public int FeedbackPermitLimit { get; set; } = 20;

    /// <summary>
    /// Gets or sets how many tickets one caller may send in each <see cref="RateLimitWindow"/>, from 1 to 100,000;
    /// further tickets get 429 with <c>Retry-After</c>. Defaults to 5.
    /// </summary>
    [Range(1, 100_000)]
    public int TicketPermitLimit { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many batches of insight events (<c>POST events</c>, up to 100 events each) one caller may send
    /// in each <see cref="RateLimitWindow"/>, from 1 to 100,000; further batches get 429 with <c>Retry-After</c> (the
    /// widget drops them and counts them). Defaults to 60.
    /// </summary>
    [Range(1, 100_000)]
    public int EventPermitLimit { get; set; } = 60;

    /// <summary>
    /// Gets or sets a value indicating whether callers who are not signed in may send tickets (they cannot read them
    /// back). Defaults to <see langword="false"/>: <c>POST tickets</c> answers 401 to them.
    /// </summary>
    public bool AllowAnonymousTickets { get; set; }

    /// <summary>Gets or sets the window the permit limits count in, from 1 second to 1 hour. Defaults to 1 minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the largest JSON request body accepted, in bytes, from 1 KiB to 1 MiB; a larger body answers 413.
    /// Defaults to 64 KiB.
    /// </summary>
    [Range(1024, 1024 * 1024)]
    public int MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets the origins of other sites whose pages may call the API from a browser, such as
    /// <c>https://intranet.example</c> (scheme, host and port; no path). They get CORS answers with credentials, and
    /// their posts are accepted; a post from any other site's page is refused with 403, so a page elsewhere cannot
    /// act with the user's cookies. Pages of the API's own origin and clients that are not browsers need no entry.
    /// Defaults to none.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
