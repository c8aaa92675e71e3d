using System.Text;

namespace HelpWidget.Tests.Attachments;

/// <summary>Small files of each kind, and hostile ones.</summary>
internal static class SampleFiles
{
    /// <summary>A complete 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4IScHAAK2AQU0pnWqAAAAAElFTkSuQmCC");

    /// <summary>A complete 1×1 GIF.</summary>
    public static byte[] Gif { get; } = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>The start of a JFIF JPEG: SOI, APP0 with the JFIF identifier.</summary>
    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    /// <summary>The start of a lossy WebP: RIFF header, WEBP, a VP8 chunk header.</summary>
    public static byte[] WebP { get; } = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8 "u8, 0x0E, 0, 0, 0, 0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x34, 0x25];

    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Text { get; } = Encoding.UTF8.GetBytes("VPN log\r\n\t2024-05-12 10:31 error 809\nÅsa tried again 🙂\n");

    /// <summary>A Windows program: MZ header and the DOS stub's NUL bytes.</summary>
    public static byte[] Exe { get; } = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8];

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
