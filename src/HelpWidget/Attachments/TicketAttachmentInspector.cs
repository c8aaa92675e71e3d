using Microsoft.Extensions.Options;

namespace HelpWidget.Attachments;

internal sealed class TicketAttachmentInspector(IOptions<TicketAttachmentOptions> options) : ITicketAttachmentInspector
{
    private readonly TicketAttachmentOptions _options = options.Value;

    public AttachmentInspection Inspect(IReadOnlyList<AttachmentUpload> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<AttachmentProblem>();
        var attachments = new List<TicketAttachment>(files.Count);
        long total = 0;
        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index];
            var content = file?.Content ?? ReadOnlyMemory<byte>.Empty;
            var name = FileNames.Sanitize(file?.FileName, _options.MaxFileNameLength);
            total += content.Length;
            if (Check(index, name, content, problems) is { } attachment)
            {
                attachments.Add(attachment);
            }
        }

        if (files.Count > _options.MaxCount)
        {
            problems.Add(new AttachmentProblem { Code = AttachmentProblemCode.TooMany, Limit = _options.MaxCount });
        }

        if (total > _options.MaxTotalBytes)
        {
            problems.Add(new AttachmentProblem { Code = AttachmentProblemCode.TotalTooLarge, Limit = _options.MaxTotalBytes });
        }

        return new AttachmentInspection { Problems = problems, Attachments = problems.Count == 0 ? attachments : [] };
    }

    private TicketAttachment? Check(int index, SafeFileName name, ReadOnlyMemory<byte> content, List<AttachmentProblem> problems)
    {
        AttachmentProblem Problem(AttachmentProblemCode code, long? limit = null, string? detected = null) =>
            new() { Code = code, FileIndex = index, FileName = name.ToString(), Limit = limit, DetectedContentType = detected };

        if (content.IsEmpty)
        {
            problems.Add(Problem(AttachmentProblemCode.Empty));
            return null;
        }

        if (content.Length > _options.MaxFileBytes)
        {
            problems.Add(Problem(AttachmentProblemCode.TooLarge, limit: _options.MaxFileBytes));
            return null;
        }

        var type = FileTypes.Detect(content.Span);
        if (type is null || !_options.AllowedContentTypes.Contains(type.ContentType))
        {
            problems.Add(Problem(AttachmentProblemCode.TypeNotAllowed, detected: type?.ContentType));
            return null;
        }

        if (name.Extension is { } extension && !type.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(Problem(AttachmentProblemCode.TypeMismatch, detected: type.ContentType));
            return null;
        }

        return new TicketAttachment
        {
            FileName = name.Extension is null ? name.WithExtension(type.Extensions[0]) : name.ToString(),
            ContentType = type.ContentType,
            Content = content,
        };
    }
}
