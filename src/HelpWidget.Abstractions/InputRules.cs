namespace HelpWidget;

/// <summary>The field rules shared by the exchange types' <c>Validate</c> methods.</summary>
internal static class InputRules
{
    public static void RequireText(string? value, string field, int maxLength, bool allowLineBreaks)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{field} is required.", field);
        }

        OptionalText(value, field, maxLength, allowLineBreaks);
    }

    public static void OptionalText(string? value, string field, int maxLength, bool allowLineBreaks = false)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{field} is longer than {maxLength} characters.", field);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                throw new ArgumentException($"{field} contains a control character.", field);
            }
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]) && !char.IsSurrogatePair(value, i) && !(i > 0 && char.IsSurrogatePair(value, i - 1)))
            {
                throw new ArgumentException($"{field} contains text that is not valid Unicode.", field);
            }
        }
    }

    public static void RequireKey(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 100 || !value.All(c => c is > ' ' and < (char)127))
        {
            throw new ArgumentException($"{field} must be 1 to 100 printable ASCII characters.", field);
        }
    }

    public static void RequireEmail(string? value, string field)
    {
        RequireText(value, field, 254, allowLineBreaks: false);
        var at = value!.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.Any(char.IsWhiteSpace)
            || value.IndexOfAny(['<', '>', ',', ';', '"', '(', ')', '[', ']', '\\']) >= 0
            || !value[(at + 1)..].Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field} is not an e-mail address.", field);
        }
    }
}
