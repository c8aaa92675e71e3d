using System.Text.Unicode;

namespace HelpWidget.Attachments;

/// <summary>A kind of file, as recognised from its first bytes.</summary>
/// <param name="ContentType">The media type.</param>
/// <param name="Extensions">The file name extensions that fit it, without the dot, the usual one first.</param>
internal sealed record FileType(string ContentType, string[] Extensions);

/// <summary>Establishes a file's type from its content (magic numbers, UTF-8 text), never from its name.</summary>
internal static class FileTypes
{
    public static readonly FileType Png = new("image/png", ["png"]);
    public static readonly FileType Jpeg = new("image/jpeg", ["jpg", "jpeg", "jpe", "jfif"]);
    public static readonly FileType Gif = new("image/gif", ["gif"]);
    public static readonly FileType WebP = new("image/webp", ["webp"]);
    public static readonly FileType Pdf = new("application/pdf", ["pdf"]);

    /// <summary>Plain text. CSV is left out: spreadsheet programs run formulas in it.</summary>
    public static readonly FileType Text = new("text/plain", ["txt", "text", "log", "md", "json", "yaml", "yml", "ini", "cfg", "conf"]);

    /// <summary>Text that starts with markup: a browser would render it, so it is never plain text.</summary>
    public static readonly FileType Markup = new("text/html", ["html", "htm", "svg", "xml"]);

    public static readonly FileType Executable = new("application/x-msdownload", ["exe", "dll"]);
    public static readonly FileType Elf = new("application/x-executable", []);
    public static readonly FileType Zip = new("application/zip", ["zip"]);

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> ElfSignature => [0x7F, 0x45, 0x4C, 0x46];

    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The types an option may allow.</summary>
    public static IReadOnlyList<FileType> Allowable { get; } = [Png, Jpeg, Gif, WebP, Pdf, Text];

    /// <summary>The type of <paramref name="content"/>, or <see langword="null"/> when it is none known.</summary>
    public static FileType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature) && content.Length >= 16 && content[12..16].SequenceEqual("IHDR"u8))
        {
            return Png;
        }

        if (content.Length >= 4 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF && content[3] >= 0xC0 && content[3] != 0xFF)
        {
            return Jpeg;
        }

        if ((content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)) && content.Length >= 13)
        {
            return Gif;
        }

        if (content.Length >= 16 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) && content[12..15].SequenceEqual("VP8"u8))
        {
            return WebP;
        }

        if (content.StartsWith("%PDF-"u8) && content.Length > 5 && char.IsAsciiDigit((char)content[5]))
        {
            return Pdf;
        }

        if (content.StartsWith("MZ"u8))
        {
            return Executable;
        }

        if (content.StartsWith(ElfSignature))
        {
            return Elf;
        }

        if (content.StartsWith(ZipSignature))
        {
            return Zip;
        }

        return IsText(content) ? (StartsWithMarkup(content) ? Markup : Text) : null;
    }

    /// <summary>Valid UTF-8 without NUL, DEL or other control characters except tab, line breaks and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (!Utf8.IsValid(content))
        {
            return false;
        }

        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if ((b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f')) || b == 0x7F
                || (b == 0xC2 && i + 1 < content.Length && content[i + 1] is >= 0x80 and <= 0x9F))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWithMarkup(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Utf8ByteOrderMark))
        {
            content = content[3..];
        }

        var start = content.IndexOfAnyExcept(" \t\r\n\f"u8);
        return start >= 0 && content[start] == (byte)'<';
    }
}
