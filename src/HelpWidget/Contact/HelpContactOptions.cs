namespace HelpWidget;

/// <summary>
/// How users reach people when self-service has not helped: when contact is offered, the ticket form's
/// categories and custom fields, and the other channels (e-mail, phone, chat). Bound from <c>HelpWidget:Contact</c>.
/// </summary>
public sealed class HelpContactOptions
{
    /// <summary>Gets or sets when contact is offered, unless a rule says otherwise. Defaults to <see cref="ContactPolicy.Always"/>.</summary>
    public ContactPolicy Policy { get; set; } = ContactPolicy.Always;

    /// <summary>Gets the rules that set another policy for some places or audiences; the first matching rule wins.</summary>
    public IList<ContactPolicyRule> Rules { get; } = new List<ContactPolicyRule>();

    /// <summary>Gets or sets a value indicating whether the ticket form is offered. Defaults to <see langword="true"/>.</summary>
    public bool TicketForm { get; set; } = true;

    /// <summary>Gets or sets the support e-mail address shown as a channel; <see langword="null"/> for none.</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets the support phone line shown as a channel; <see langword="null"/> for none.</summary>
    public ContactChannel? Phone { get; set; }

    /// <summary>Gets or sets a chat (or Teams) link shown as a channel; <see langword="null"/> for none.</summary>
    public ContactChannel? Chat { get; set; }

    /// <summary>Gets the categories the user chooses from in the ticket form; none hides the choice.</summary>
    public IList<ContactCategory> Categories { get; } = new List<ContactCategory>();

    /// <summary>Gets the custom fields of the ticket form, in the order shown.</summary>
    public IList<ContactField> Fields { get; } = new List<ContactField>();

    /// <summary>Gets the policy for a place and user: the first rule that matches, else <see cref="Policy"/>.</summary>
    /// <param name="context">Where the user is.</param>
    /// <param name="user">The user.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="user"/> is <see langword="null"/>.</exception>
    public ContactPolicy PolicyFor(HelpContext context, HelpUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        return Rules.FirstOrDefault(rule => rule.Matches(context, user))?.Policy ?? Policy;
    }

    internal IEnumerable<string> Problems()
    {
        if (Email is not null && !TicketSubmission.IsValidEmail(Email))
        {
            yield return $"Contact:Email '{Email}' is not an e-mail address.";
        }

        foreach (var (channel, name) in new[] { (Phone, "Phone"), (Chat, "Chat") })
        {
            foreach (var problem in channel?.Problems(name, isLink: name == "Chat") ?? [])
            {
                yield return problem;
            }
        }

        foreach (var rule in Rules.Where(r => r.Context is null && r.Audience is null))
        {
            yield return $"Contact:Rules has a rule for policy {rule.Policy} with neither Context nor Audience; set one, or change Contact:Policy instead.";
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Categories.Select(c => (c.Key, c.Label, Kind: "Categories")).Concat(Fields.Select(f => (f.Key, f.Label, Kind: "Fields"))))
        {
            if (string.IsNullOrEmpty(item.Key) || item.Key.Length > 100 || !item.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                yield return $"Contact:{item.Kind} has a key '{item.Key}' that is not 1 to 100 letters, digits, '-', '_' or '.'.";
            }
            else if (!keys.Add(item.Kind + item.Key))
            {
                yield return $"Contact:{item.Kind} has the key '{item.Key}' twice.";
            }

            if (string.IsNullOrWhiteSpace(item.Label))
            {
                yield return $"Contact:{item.Kind} '{item.Key}' has no Label.";
            }
        }

        foreach (var field in Fields.Where(f => f.Kind == ContactFieldKind.Choice && f.Choices.Count == 0))
        {
            yield return $"Contact:Fields '{field.Key}' is a choice without Choices.";
        }
    }
}

/// <summary>When the widget offers contact with people.</summary>
public enum ContactPolicy
{
    /// <summary>Contact is always offered.</summary>
    Always,

    /// <summary>Contact is offered once the user has searched or read an article in this help session.</summary>
    AfterSelfService,

    /// <summary>Help only: no contact is offered.</summary>
    Never,
}

/// <summary>A contact policy for some places or audiences.</summary>
public sealed class ContactPolicyRule
{
    /// <summary>Gets or sets the route (starting with <c>/</c>, covering the routes below it) or context key the rule is for; <see langword="null"/> for everywhere.</summary>
    public string? Context { get; set; }

    /// <summary>Gets or sets the audience the rule is for; <see langword="null"/> for everyone.</summary>
    public string? Audience { get; set; }

    /// <summary>Gets or sets the policy where the rule applies.</summary>
    public ContactPolicy Policy { get; set; }

    internal bool Matches(HelpContext context, HelpUser user)
    {
        var place = Context is null || context.Matches(Context);
        var audience = Audience is null || user.Audiences.Contains(Audience, StringComparer.OrdinalIgnoreCase);
        return place && audience;
    }
}

/// <summary>A phone line or chat link, with its opening hours.</summary>
public sealed class ContactChannel
{
    /// <summary>Gets or sets the phone number as dialled (<c>+46 8 123 456 00</c>), or the chat link (an absolute https URL, or an <c>msteams:</c> link).</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>Gets or sets the opening hours; <see langword="null"/> means always open.</summary>
    public OpeningHours? Hours { get; set; }

    internal IEnumerable<string> Problems(string name, bool isLink)
    {
        if (string.IsNullOrWhiteSpace(Address) || Address.Length > 500 || Address.Any(char.IsControl))
        {
            yield return $"Contact:{name}:Address is required, at most 500 characters without control characters.";
        }
        else if (isLink && !(Uri.TryCreate(Address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "msteams"))
        {
            yield return $"Contact:{name}:Address must be an absolute http(s) or msteams: link.";
        }
        else if (!isLink && !Address.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')'))
        {
            yield return $"Contact:{name}:Address must be a phone number of digits, spaces, '+', '-' and parentheses.";
        }

        foreach (var problem in Hours?.Problems(name) ?? [])
        {
            yield return problem;
        }
    }
}

/// <summary>Weekly opening hours in one time zone.</summary>
public sealed class OpeningHours
{
    /// <summary>Gets or sets the time zone of the hours, as an IANA or Windows id such as <c>Europe/Stockholm</c>. Defaults to <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets the days it is open. Defaults to Monday to Friday when left empty.</summary>
    public IList<DayOfWeek> Days { get; } = new List<DayOfWeek>();

    /// <summary>Gets or sets the opening time, local to <see cref="TimeZone"/>. Defaults to 08:00.</summary>
    public TimeOnly Opens { get; set; } = new(8, 0);

    /// <summary>
    /// Gets or sets the closing time, local to <see cref="TimeZone"/>. Defaults to 16:30. A time before
    /// <see cref="Opens"/> closes on the next morning (22:00 to 02:00 is open through midnight); the same time as
    /// <see cref="Opens"/> keeps it open for 24 hours from then, so every day with 00:00 to 00:00 is around the clock.
    /// </summary>
    public TimeOnly Closes { get; set; } = new(16, 30);

    private IEnumerable<DayOfWeek> OpenDays => Days.Count > 0 ? Days : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Gets a value indicating whether it is open every day around the clock (opens and closes at the same time, every day).</summary>
    public bool IsAlwaysOpen => Opens == Closes && OpenDays.Distinct().Count() == 7;

    /// <summary>How long it stays open from <see cref="Opens"/> on an open day: past midnight when it closes earlier in the day than it opens.</summary>
    private TimeSpan OpenFor => Closes > Opens ? Closes - Opens : TimeSpan.FromDays(1) - (Opens - Closes);

    /// <summary>Tells whether the channel is open at <paramref name="now"/> and, when it is closed, when it opens next.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>Whether it is open, and the next opening as a local time of <see cref="TimeZone"/> when closed.</returns>
    public (bool IsOpen, DateTime? NextOpening) StatusAt(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var days = OpenDays.ToHashSet();

        // Opened today, or yesterday and still open past midnight.
        for (var back = 0; back <= 1; back++)
        {
            var day = local.Date.AddDays(-back);
            var opening = day + Opens.ToTimeSpan();
            if (days.Contains(day.DayOfWeek) && local >= opening && local < opening + OpenFor)
            {
                return (true, null);
            }
        }

        for (var ahead = 0; ahead <= 7; ahead++)
        {
            var day = local.Date.AddDays(ahead);
            var opening = day + Opens.ToTimeSpan();
            if (days.Contains(day.DayOfWeek) && opening > local)
            {
                return (false, opening);
            }
        }

        return (false, null);
    }

    internal IEnumerable<string> Problems(string name)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out _))
        {
            yield return $"Contact:{name}:Hours:TimeZone '{TimeZone}' is not a known time zone id such as Europe/Stockholm.";
        }
    }
}

/// <summary>A category of the ticket form.</summary>
public sealed class ContactCategory
{
    /// <summary>Gets or sets the key stored with the ticket, such as <c>hardware</c>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Gets or sets the label shown to users whose language has none in <see cref="Labels"/>.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets the label per language (ISO 639-1 code, such as <c>sv</c>).</summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the label for a language.</summary>
    /// <param name="language">An IETF language tag.</param>
    /// <returns>The label in that language, else <see cref="Label"/>.</returns>
    public string LabelFor(string? language) => ContactField.Localised(Labels, Label, language);
}

/// <summary>A custom field of the ticket form.</summary>
public sealed class ContactField
{
    /// <summary>Gets or sets the key the value is stored under, such as <c>asset-tag</c>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Gets or sets the label shown to users whose language has none in <see cref="Labels"/>.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets the label per language (ISO 639-1 code, such as <c>sv</c>).</summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the kind of input. Defaults to <see cref="ContactFieldKind.Text"/>.</summary>
    public ContactFieldKind Kind { get; set; }

    /// <summary>Gets the choices of a <see cref="ContactFieldKind.Choice"/> field.</summary>
    public IList<string> Choices { get; } = new List<string>();

    /// <summary>Gets or sets a value indicating whether the field must be filled in (a checkbox: ticked).</summary>
    public bool Required { get; set; }

    /// <summary>Gets the label for a language.</summary>
    /// <param name="language">An IETF language tag.</param>
    /// <returns>The label in that language, else <see cref="Label"/>.</returns>
    public string LabelFor(string? language) => Localised(Labels, Label, language);

    internal static string Localised(IDictionary<string, string> labels, string fallback, string? language)
    {
        if (language is { Length: >= 2 })
        {
            var primary = language.Split('-')[0];
            if (labels.TryGetValue(primary, out var label) && !string.IsNullOrWhiteSpace(label))
            {
                return label;
            }
        }

        return fallback;
    }
}

/// <summary>The kind of a custom field.</summary>
public enum ContactFieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>One of <see cref="ContactField.Choices"/>.</summary>
    Choice,

    /// <summary>A checkbox.</summary>
    Checkbox,
}
