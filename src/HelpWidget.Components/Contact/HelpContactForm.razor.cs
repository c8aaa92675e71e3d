using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components;

/// <summary>The contact form: validates the fields, stores the ticket with its context and reports the receipt.</summary>
/// <remarks>Hosted by <see cref="HelpPanel"/>; public only because Razor components are.</remarks>
public sealed partial class HelpContactForm : IDisposable
{
    private readonly string _formId = "hw-contact-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, string> _errors = [];
    private ElementReference _nameInput;
    private ElementReference _emailInput;
    private ElementReference _subjectInput;
    private ElementReference _descriptionInput;
    private ElementReference _categoryInput;
    private readonly Dictionary<string, ElementReference> _fieldInputs = [];
    private IReadOnlyList<ArticleHit> _suggestions = [];
    private CancellationTokenSource? _suggesting;
    private bool _submitting;
    private bool _uploading;
    private bool _failed;

    /// <summary>Whether help was offline when sending failed: the message says so, and says when it is back.</summary>
    private bool _failedOffline;
    private bool _backOnline;
    private IHelpConnectivity? _connectivity;
    private bool _disposed;
    private bool _focusFirstError;

    /// <summary>The help session whose searches, articles and answers are sent with the ticket.</summary>
    [Inject]
    private HelpSession Session { get; set; } = default!;

    /// <summary>The longest value of a custom field, in characters.</summary>
    internal const int MaxFieldLength = 2000;

    [Inject]
    private IHelpStore Store { get; set; } = default!;

    [Inject]
    private IKnowledgeProvider Knowledge { get; set; } = default!;

    [Inject]
    private ITicketAttachmentInspector Inspector { get; set; } = default!;

    [Inject]
    private IOptions<TicketAttachmentOptions> AttachmentOptions { get; set; } = default!;

    [Inject]
    private TicketContextFactory ContextFactory { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<HelpWidgetOptions> Options { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private ILogger<HelpContactForm> Logger { get; set; } = default!;

    /// <summary>Gets or sets the draft the form edits.</summary>
    [Parameter]
    [EditorRequired]
    public HelpContactDraft Model { get; set; } = default!;


    /// <summary>Gets or sets the signed-in user; a known name and e-mail address are filled in and read-only.</summary>
    [Parameter]
    public HelpUser? User { get; set; }

    /// <summary>Gets or sets the route of the page the ticket is sent from.</summary>
    [Parameter]
    public string? Route { get; set; }

    /// <summary>Gets or sets the callback invoked with an article's id when the user opens an article suggested while typing.</summary>
    [Parameter]
    public EventCallback<string> OnOpenArticle { get; set; }

    /// <summary>Gets or sets the callback invoked with an article's id when the user says a suggested article solved the problem.</summary>
    [Parameter]
    public EventCallback<string> OnSolved { get; set; }

    /// <summary>Gets or sets the callback invoked with the receipt once the ticket is stored.</summary>
    [Parameter]
    public EventCallback<TicketReceipt> OnSubmitted { get; set; }

    private HelpContactOptions Contact => Options.Value.Contact;

    private TicketAttachmentOptions Attachments => AttachmentOptions.Value;

    private string Accept => string.Join(',', Attachments.AllowedContentTypes.Order(StringComparer.Ordinal));

    private string Language => Options.Value.LanguageFor(CultureInfo.CurrentUICulture);

    private bool NameKnown => !string.IsNullOrWhiteSpace(User?.DisplayName);

    private bool EmailKnown => !string.IsNullOrWhiteSpace(User?.Email);

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        if (_connectivity is not null)
        {
            _connectivity.Changed -= OnConnectivityChanged;
        }

        _suggesting?.Cancel();
        _suggesting?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _connectivity = Services.GetService<IHelpConnectivity>();
        if (_connectivity is not null)
        {
            _connectivity.Changed += OnConnectivityChanged;
        }
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (NameKnown)
        {
            Model.Name = User!.DisplayName!;
        }

        if (EmailKnown)
        {
            Model.Email = User!.Email!;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_focusFirstError)
        {
            return;
        }

        _focusFirstError = false;
        var first = _errors.ContainsKey(nameof(HelpContactDraft.Name)) ? _nameInput
            : _errors.ContainsKey(nameof(HelpContactDraft.Email)) ? _emailInput
            : _errors.ContainsKey(nameof(HelpContactDraft.Category)) ? _categoryInput
            : _errors.ContainsKey(nameof(HelpContactDraft.Subject)) ? _subjectInput
            : _errors.ContainsKey(nameof(HelpContactDraft.Description)) ? _descriptionInput
            : Contact.Fields.Where(f => _errors.ContainsKey(CustomKey(f))).Select(f => _fieldInputs.GetValueOrDefault(CustomKey(f))).FirstOrDefault();
        if (first.Context is not null)
        {
            await first.FocusAsync();
        }
    }

    private string FieldId(string field) => $"{_formId}-{string.Concat(field.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'))}";

    private string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    private string? DescribedBy(string field) => _errors.ContainsKey(field) ? $"{FieldId(field)}-error" : null;

    private async Task SubmitAsync()
    {
        if (_submitting)
        {
            return;
        }

        _failed = false;
        _failedOffline = false;
        _backOnline = false;
        Validate();
        if (_errors.Count > 0)
        {
            _focusFirstError = true;
            return;
        }

        _submitting = true;
        try
        {
            var receipt = await Store.SaveTicketAsync(CreateSubmission());
            await OnSubmitted.InvokeAsync(receipt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The draft and its idempotency key are kept, so trying again cannot create a second ticket.
            Logger.TicketFailed(ex);
            _failed = true;
            _failedOffline = _connectivity is { IsOnline: false };
        }
        finally
        {
            _submitting = false;
        }
    }

    private void Validate()
    {
        _errors.Clear();
        Model.Name = Model.Name.Trim();
        Model.Email = Model.Email.Trim();
        Model.Subject = Model.Subject.Trim();

        Show(nameof(HelpContactDraft.Name), InputRules.CheckText(Model.Name, TicketSubmission.MaxContactLength, required: true), "NameRequired", TicketSubmission.MaxContactLength);
        Show(nameof(HelpContactDraft.Email), InputRules.CheckEmail(Model.Email), "EmailRequired", InputRules.MaxEmailLength);
        if (Contact.Categories.Count > 0 && !Contact.Categories.Any(c => c.Key == Model.Category))
        {
            _errors[nameof(HelpContactDraft.Category)] = L["CategoryRequired"];
        }

        Show(nameof(HelpContactDraft.Subject), InputRules.CheckText(Model.Subject, TicketSubmission.MaxSubjectLength, required: true), "SubjectRequired", TicketSubmission.MaxSubjectLength);
        Show(nameof(HelpContactDraft.Description), InputRules.CheckText(Model.Description, TicketSubmission.MaxDescriptionLength, required: true, allowLineBreaks: true), "DescriptionRequired", TicketSubmission.MaxDescriptionLength);
        ValidateFields();
        CheckFiles();
    }

    private async Task AddFilesAsync(InputFileChangeEventArgs args)
    {
        if (_uploading)
        {
            return;
        }

        _uploading = true;
        try
        {
            await ReadFilesAsync(args);
        }
        finally
        {
            _uploading = false;
        }
    }

    private async Task ReadFilesAsync(InputFileChangeEventArgs args)
    {
        _errors.Remove(nameof(HelpContactDraft.Files));
        var room = Math.Max(0, Attachments.MaxCount - Model.Files.Count);
        if (args.FileCount > room)
        {
            _errors[nameof(HelpContactDraft.Files)] = L["AttachmentTooMany", Attachments.MaxCount];
            return;
        }

        foreach (var file in args.GetMultipleFiles(room))
        {
            try
            {
                // The browser's size and type are only claims: read at most one byte past the limit and let the inspector decide.
                await using var stream = file.OpenReadStream(Attachments.MaxFileBytes + 1);
                Model.Files.Add(await AttachmentUpload.ReadAsync(file.Name, stream, Attachments.MaxFileBytes));
            }
            catch (IOException)
            {
                _errors[nameof(HelpContactDraft.Files)] = L["AttachmentTooLarge", file.Name, Megabytes(Attachments.MaxFileBytes)];
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The upload broke off (connection, timeout, a new choice of files meanwhile): the draft stays, the file is not attached.
                Logger.AttachmentFailed(ex);
                _errors[nameof(HelpContactDraft.Files)] = L["AttachmentFailed", file.Name];
                return;
            }
        }

        CheckFiles();
    }

    private void RemoveFile(int index)
    {
        if (index >= 0 && index < Model.Files.Count)
        {
            Model.Files.RemoveAt(index);
            _errors.Remove(nameof(HelpContactDraft.Files));
            CheckFiles();
        }
    }

    /// <summary>Checks the attached files together; the first problem is shown on the field, in the user's language.</summary>
    private AttachmentInspection CheckFiles()
    {
        var inspection = Inspector.Inspect([.. Model.Files]);
        if (inspection.Problems is [var problem, ..])
        {
            var name = problem.FileName ?? string.Empty;
            _errors[nameof(HelpContactDraft.Files)] = problem.Code switch
            {
                AttachmentProblemCode.Empty => L["AttachmentEmpty", name],
                AttachmentProblemCode.TooLarge => L["AttachmentTooLarge", name, Megabytes(problem.Limit ?? Attachments.MaxFileBytes)],
                AttachmentProblemCode.TypeMismatch => L["AttachmentTypeMismatch", name],
                AttachmentProblemCode.TooMany => L["AttachmentTooMany", problem.Limit ?? Attachments.MaxCount],
                AttachmentProblemCode.TotalTooLarge => L["AttachmentTotalTooLarge", Megabytes(problem.Limit ?? Attachments.MaxTotalBytes)],
                _ => L["AttachmentTypeNotAllowed", name],
            };
        }

        return inspection;
    }

    private static string ShownName(AttachmentUpload file)
    {
        var name = new string((file.FileName ?? string.Empty).Where(c => !char.IsControl(c) && c is not ('\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069')).ToArray());
        return name.Length > 60 ? string.Concat(name.AsSpan(0, 57), "…") : name;
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.CurrentCulture) + " MB";

    private static string Kilobytes(int bytes) => Math.Max(1, (int)Math.Ceiling(bytes / 1024.0)).ToString(CultureInfo.CurrentCulture) + " KB";

    /// <summary>Raised on any thread: once help is back after a send failed offline, the message says the request can be sent now.</summary>
    private void OnConnectivityChanged(object? sender, EventArgs args) => _ = OnConnectivityChangedAsync();

    private async Task OnConnectivityChangedAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                if (!_disposed && _failed && _failedOffline && _connectivity is { IsOnline: var online } && online != _backOnline)
                {
                    _backOnline = online;
                    StateHasChanged();
                }
            });
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private void ValidateFields()
    {
        foreach (var field in Contact.Fields)
        {
            var key = CustomKey(field);
            var value = Value(field).Trim();
            if (field.Required && (value.Length == 0 || (field.Kind == ContactFieldKind.Checkbox && value != "true")))
            {
                _errors[key] = L["FieldRequired"];
            }
            else if (field.Kind == ContactFieldKind.Choice && value.Length > 0 && !field.Choices.Contains(value))
            {
                _errors[key] = L["FieldInvalidChoice"];
            }
            else if (field.Kind == ContactFieldKind.Text && value.Length > 0)
            {
                Show(key, InputRules.CheckText(value, MaxFieldLength, required: true), "FieldRequired", MaxFieldLength);
            }
        }
    }

    /// <summary>The error key of a custom field: its position, so keys that differ only in case or punctuation never share an element id.</summary>
    private string CustomKey(ContactField field) => "Field:" + Contact.Fields.IndexOf(field).ToString(CultureInfo.InvariantCulture);

    private string Value(ContactField field) => Model.Fields.TryGetValue(field.Key, out var value) ? value : string.Empty;

    private void SetValue(ContactField field, string value)
    {
        Model.Fields[field.Key] = value;
        Corrected(CustomKey(field));
    }

    /// <summary>Drops a field's error once the user changes the field; the form checks everything again on Send.</summary>
    private void Corrected(string field) => _errors.Remove(field);

    private Task TypedAsync(string field)
    {
        Corrected(field);
        return SuggestAsync();
    }

    /// <summary>Suggests articles for what the user is writing, so a known answer can spare them the ticket.</summary>
    private async Task SuggestAsync()
    {
        if (_suggesting is not null)
        {
            await _suggesting.CancelAsync();
            _suggesting.Dispose();
        }

        var cancellation = _suggesting = new CancellationTokenSource();
        var text = $"{Model.Subject} {(Model.Description.Length > 300 ? Model.Description[..300] : Model.Description)}".Trim();
        if (text.Length < 3)
        {
            _suggestions = [];
            return;
        }

        try
        {
            var results = await Knowledge.SearchAsync(new SearchRequest { Query = text, User = User ?? HelpUser.Anonymous, Language = Language, Context = Session.Context.Resolve(Route), MaxResults = 3 }, cancellation.Token);
            if (!cancellation.IsCancellationRequested)
            {
                _suggestions = results.Hits;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer keystroke replaced these suggestions.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Suggestions are a convenience: the form works without them.
            Logger.ContactSuggestionsFailed(ex);
            _suggestions = [];
        }
    }

    /// <summary>The context sent with the ticket, named for people, exactly as it will be stored.</summary>
    private IEnumerable<(string Name, string Value)> Preview() =>
        CreateContext().Select(entry => (L["Context_" + entry.Key] is { ResourceNotFound: false } name ? name.Value : entry.Key, entry.Value));

    /// <summary>Shows the problem <see cref="InputRules"/> found in a field, in the user's language; the rules are the ones the store applies.</summary>
    private void Show(string field, InputProblem problem, string requiredKey, int maxLength)
    {
        if (problem != InputProblem.None)
        {
            _errors[field] = problem switch
            {
                InputProblem.Required => L[requiredKey],
                InputProblem.TooLong => L["TooLong", maxLength],
                InputProblem.ControlCharacter => L["InvalidCharacters"],
                InputProblem.InvalidUnicode => L["InvalidUnicode"],
                _ => L["EmailInvalid"],
            };
        }
    }

    private TicketSubmission CreateSubmission() => new()
    {
        IdempotencyKey = Model.IdempotencyKey,
        Subject = Model.Subject,
        Description = Model.Description,
        Name = Model.Name,
        Email = Model.Email,
        Category = Contact.Categories.Count > 0 ? Model.Category : null,
        Attachments = Inspector.Inspect([.. Model.Files]).Attachments,
        Fields = Contact.Fields.Where(f => Value(f).Trim().Length > 0).ToDictionary(f => f.Key, f => Value(f).Trim(), StringComparer.Ordinal),
        Language = Language,
        Route = Route,
        Context = CreateContext(),
        SubmittedAt = Time.GetUtcNow(),
    };

    private IReadOnlyDictionary<string, string> CreateContext() => ContextFactory.Create(Session, Route, Language);
}
