namespace HelpWidget;

/// <summary>A file as the user uploaded it, before any check.</summary>
public sealed class AttachmentUpload
{
    /// <summary>Gets the file name as the user's device gave it, untrusted: it may hold directories, control characters or nothing at all.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the file's content.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>
    /// Reads an uploaded file, but never more than one byte past <paramref name="maxBytes"/>: a larger file is read only
    /// as far as needed to know that it is too large, so that no upload can fill the server's memory.
    /// </summary>
    /// <param name="fileName">The file name as the user's device gave it.</param>
    /// <param name="content">The upload's content; read from its current position and not disposed.</param>
    /// <param name="maxBytes">The largest file accepted, usually <see cref="TicketAttachmentOptions.MaxFileBytes"/>.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The file, whose content is longer than <paramref name="maxBytes"/> exactly when the file is too large.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is less than 0 or not less than <see cref="Array.MaxLength"/>.</exception>
    public static async Task<AttachmentUpload> ReadAsync(string? fileName, Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxBytes, Array.MaxLength);

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var limit = maxBytes + 1;
        while (buffer.Length < limit)
        {
            var read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return new AttachmentUpload { FileName = fileName, Content = buffer.GetBuffer().AsMemory(0, (int)buffer.Length) };
    }
}
