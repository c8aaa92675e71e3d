using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components;

/// <summary>The contact form: validates the fields, stores the ticket with its context and reports the receipt.</summary>
/// <remarks>Hosted by <see cref="HelpPanel"/>; public only because Razor components are.</remarks>
public sealed partial class HelpContactForm
{
    private readonly string _formId = "hw-contact-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, string> _errors = [];
    private ElementReference _nameInput;
    private ElementReference _emailInput;
    private ElementReference _subjectInput;
    private ElementReference _descriptionInput;
    private bool _submitting;
    private bool _failed;
    private bool _focusFirstError;

    /// <summary>The help session whose searches, articles and answers are sent with the ticket.</summary>
    [Inject]
    private HelpSession Session { get; set; } = default!;

    [Inject]
    private IHelpStore Store { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<HelpWidgetOptions> Options { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

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

    /// <summary>Gets or sets the callback invoked with the receipt once the ticket is stored.</summary>
    [Parameter]
    public EventCallback<TicketReceipt> OnSubmitted { get; set; }

    private bool NameKnown => !string.IsNullOrWhiteSpace(User?.DisplayName);

    private bool EmailKnown => !string.IsNullOrWhiteSpace(User?.Email);

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
            : _errors.ContainsKey(nameof(HelpContactDraft.Subject)) ? _subjectInput
            : _descriptionInput;
        await first.FocusAsync();
    }

    private string FieldId(string field) => $"{_formId}-{field.ToLowerInvariant()}";

    private string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    private string? DescribedBy(string field) => _errors.ContainsKey(field) ? $"{FieldId(field)}-error" : null;

    private async Task SubmitAsync()
    {
        if (_submitting)
        {
            return;
        }

        _failed = false;
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
            _failed = true;
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

        Check(nameof(HelpContactDraft.Name), Model.Name, "NameRequired", TicketSubmission.MaxContactLength, allowLineBreaks: false);
        Check(nameof(HelpContactDraft.Email), Model.Email, "EmailRequired", TicketSubmission.MaxContactLength, allowLineBreaks: false);
        if (!_errors.ContainsKey(nameof(HelpContactDraft.Email)) && !TicketSubmission.IsValidEmail(Model.Email))
        {
            _errors[nameof(HelpContactDraft.Email)] = L["EmailInvalid"];
        }

        Check(nameof(HelpContactDraft.Subject), Model.Subject, "SubjectRequired", TicketSubmission.MaxSubjectLength, allowLineBreaks: false);
        Check(nameof(HelpContactDraft.Description), Model.Description, "DescriptionRequired", TicketSubmission.MaxDescriptionLength, allowLineBreaks: true);
    }

    private void Check(string field, string value, string requiredKey, int maxLength, bool allowLineBreaks)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors[field] = L[requiredKey];
        }
        else if (value.Length > maxLength)
        {
            _errors[field] = L["TooLong", maxLength];
        }
        else if (value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')))
        {
            _errors[field] = L["InvalidCharacters"];
        }
    }

    private TicketSubmission CreateSubmission()
    {
        var context = new Dictionary<string, string>
        {
            ["app"] = Options.Value.ApplicationName ?? (Services.GetService(typeof(IHostEnvironment)) as IHostEnvironment)?.ApplicationName ?? "unknown",
            ["culture"] = CultureInfo.CurrentUICulture.Name,
        };
        if (Session.Searches.Count > 0)
        {
            context["searches"] = string.Join(" | ", Session.Searches);
        }

        if (Session.Articles.Count > 0)
        {
            context["articlesRead"] = string.Join(", ", Session.Articles);
        }

        return new TicketSubmission
        {
            IdempotencyKey = Model.IdempotencyKey,
            Subject = Model.Subject,
            Description = Model.Description,
            Name = Model.Name,
            Email = Model.Email,
            Language = CultureInfo.CurrentUICulture.Name,
            Route = Route,
            Context = context,
            SubmittedAt = Time.GetUtcNow(),
        };
    }
}
