using System.Globalization;
using System.Text;

namespace HelpWidget.Attachments;

/// <summary>A file name split into a safe base name and the extension it claims.</summary>
/// <param name="BaseName">The name without the extension: never empty, no directory, no control or invisible characters.</param>
/// <param name="Extension">The extension without the dot, as written; <see langword="null"/> when the name has none.</param>
internal readonly record struct SafeFileName(string BaseName, string? Extension)
{
    public override string ToString() => Extension is null ? BaseName : $"{BaseName}.{Extension}";

    public string WithExtension(string extension) => $"{BaseName}.{extension}";
}

/// <summary>Makes a file name from a user's device safe to store, show and save on any operating system.</summary>
internal static class FileNames
{
    private const string Fallback = "attachment";
    private const int MaxExtensionLength = 10;

    private static readonly HashSet<string> s_reservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>Drops any directory; removes control, invisible and direction-changing characters; replaces characters Windows forbids; shortens to <paramref name="maxLength"/>.</summary>
    public static SafeFileName Sanitize(string? name, int maxLength)
    {
        name ??= string.Empty;
        var lastSeparator = name.AsSpan().LastIndexOfAny('/', '\\');
        var text = Clean(name.AsSpan(lastSeparator + 1)).Trim().Trim('.').Trim();

        string? extension = null;
        var dot = text.LastIndexOf('.');
        if (dot > 0 && IsExtension(text.AsSpan(dot + 1)))
        {
            extension = text[(dot + 1)..];
            text = text[..dot].TrimEnd().TrimEnd('.');
        }

        var room = maxLength - (extension is null ? 0 : extension.Length + 1);
        if (text.Length > room)
        {
            text = text[..(char.IsHighSurrogate(text[room - 1]) ? room - 1 : room)].TrimEnd().TrimEnd('.');
        }

        if (text.Length == 0)
        {
            text = Fallback[..Math.Min(Fallback.Length, room)];
        }

        if (s_reservedNames.Contains(text.Split('.')[0].TrimEnd()))
        {
            text = ("_" + text)[..Math.Min(text.Length + 1, room)];
        }

        return new SafeFileName(text, extension);
    }

    /// <summary>One to ten ASCII letters and digits with at least one letter: <c>.png</c> is an extension, <c>.22</c> in <c>at 10.31.22</c> is not.</summary>
    private static bool IsExtension(ReadOnlySpan<char> candidate) =>
        candidate.Length is > 0 and <= MaxExtensionLength && !candidate.ContainsAnyExcept(s_extensionChars) && candidate.ContainsAny(s_letters);

    private static readonly System.Buffers.SearchValues<char> s_extensionChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly System.Buffers.SearchValues<char> s_letters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static string Clean(ReadOnlySpan<char> name)
    {
        var builder = new StringBuilder(name.Length);
        var space = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                builder.Append(c).Append(name[++i]);
                space = false;
                continue;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse:
                    continue;
                case UnicodeCategory.SpaceSeparator:
                    if (!space)
                    {
                        builder.Append(' ');
                    }

                    space = true;
                    continue;
            }

            builder.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' || c is '\uFFFE' or '\uFFFF' ? '_' : c);
            space = false;
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
