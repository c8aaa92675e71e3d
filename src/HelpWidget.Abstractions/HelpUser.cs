namespace HelpWidget;

/// <summary>The person asking for help, as far as the host app knows them.</summary>
public sealed class HelpUser
{
    /// <summary>Gets a user the host app knows nothing about; they see only articles without an audience.</summary>
    public static HelpUser Anonymous { get; } = new();

    /// <summary>Gets the host app's identifier of the user; <see langword="null"/> when anonymous.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the user's display name; <see langword="null"/> when unknown.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the user's e-mail address; <see langword="null"/> when unknown.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the audiences (for example roles or groups) the user belongs to. Defaults to none.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];
}
