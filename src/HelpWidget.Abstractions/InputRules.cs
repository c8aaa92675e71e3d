namespace HelpWidget;

/// <summary>
/// The rules for text typed by users: one set, used by the exchange types' <c>Validate</c> methods, by stores, and by
/// forms, which show each <see cref="InputProblem"/> in the user's language.
/// </summary>
/// <remarks>The methods are pure and thread-safe.</remarks>
public static class InputRules
{
    /// <summary>The longest e-mail address accepted, in characters.</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Checks a text value against the length, control-character and Unicode rules.</summary>
    /// <param name="value">The text to check; <see langword="null"/> counts as empty.</param>
    /// <param name="maxLength">The most characters (UTF-16 code units) allowed.</param>
    /// <param name="required"><see langword="true"/> when an empty or white-space value is a problem.</param>
    /// <param name="allowLineBreaks"><see langword="true"/> to accept line feeds, carriage returns and tabs. Defaults to <see langword="false"/>.</param>
    /// <returns>The first problem found, in the order required, too long, control character, invalid Unicode; <see cref="InputProblem.None"/> when there is none.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is negative.</exception>
    public static InputProblem CheckText(string? value, int maxLength, bool required, bool allowLineBreaks = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (string.IsNullOrWhiteSpace(value) && required)
        {
            return InputProblem.Required;
        }

        if (string.IsNullOrEmpty(value))
        {
            return InputProblem.None;
        }

        if (value.Length > maxLength)
        {
            return InputProblem.TooLong;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return InputProblem.ControlCharacter;
            }
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return InputProblem.InvalidUnicode;
            }
        }

        return InputProblem.None;
    }

    /// <summary>Checks a required e-mail address: the text rules, then one plausible address without white space or list separators.</summary>
    /// <param name="value">The address to check.</param>
    /// <returns>The first problem found; <see cref="InputProblem.None"/> when there is none.</returns>
    public static InputProblem CheckEmail(string? value)
    {
        var problem = CheckText(value, MaxEmailLength, required: true);
        if (problem != InputProblem.None)
        {
            return problem;
        }

        var at = value!.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.Any(char.IsWhiteSpace)
            || value.IndexOfAny(['<', '>', ',', ';', '"', '(', ')', '[', ']', '\\']) >= 0
            || !value[(at + 1)..].Contains('.', StringComparison.Ordinal)
            ? InputProblem.InvalidEmail
            : InputProblem.None;
    }

    internal static void RequireText(string? value, string field, int maxLength, bool allowLineBreaks) =>
        ThrowIfProblem(CheckText(value, maxLength, required: true, allowLineBreaks), field, maxLength);

    internal static void OptionalText(string? value, string field, int maxLength, bool allowLineBreaks = false)
    {
        // An optional value that is present but blank is accepted as it always was; only its characters are checked.
        if (value is not null)
        {
            ThrowIfProblem(CheckText(value, maxLength, required: false, allowLineBreaks), field, maxLength);
        }
    }

    internal static void RequireKey(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 100 || !value.All(c => c is > ' ' and < (char)127))
        {
            throw new ArgumentException($"{field} must be 1 to 100 printable ASCII characters.", field);
        }
    }

    internal static void RequireEmail(string? value, string field) => ThrowIfProblem(CheckEmail(value), field, MaxEmailLength);

    private static void ThrowIfProblem(InputProblem problem, string field, int maxLength)
    {
        var message = problem switch
        {
            InputProblem.None => null,
            InputProblem.Required => $"{field} is required.",
            InputProblem.TooLong => $"{field} is longer than {maxLength} characters.",
            InputProblem.ControlCharacter => $"{field} contains a control character.",
            InputProblem.InvalidUnicode => $"{field} contains text that is not valid Unicode.",
            _ => $"{field} is not an e-mail address.",
        };
        if (message is not null)
        {
            throw new ArgumentException(message, field);
        }
    }
}
