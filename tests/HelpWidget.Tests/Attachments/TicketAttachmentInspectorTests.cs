using System.Text;
using FsCheck;
using FsCheck.Fluent;
using HelpWidget.Attachments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests.Attachments;

public sealed class TicketAttachmentInspectorTests
{
    private static readonly TicketAttachmentInspector s_inspector = Inspector(new TicketAttachmentOptions());

    public static TheoryData<string, byte[], string, string> AcceptedFiles => new()
    {
        { "screenshot.png", SampleFiles.Png, "image/png", "screenshot.png" },
        { "IMG_0001.JPG", SampleFiles.Jpeg, "image/jpeg", "IMG_0001.JPG" },
        { "photo.jpeg", SampleFiles.Jpeg, "image/jpeg", "photo.jpeg" },
        { "spinner.gif", SampleFiles.Gif, "image/gif", "spinner.gif" },
        { "image.webp", SampleFiles.WebP, "image/webp", "image.webp" },
        { "invoice.pdf", SampleFiles.Pdf, "application/pdf", "invoice.pdf" },
        { "vpn.log", SampleFiles.Text, "text/plain", "vpn.log" },
        { "notes.txt", SampleFiles.Concat([0xEF, 0xBB, 0xBF], SampleFiles.Text), "text/plain", "notes.txt" },
        { "Screenshot 2024-05-12 at 10.31.22", SampleFiles.Png, "image/png", "Screenshot 2024-05-12 at 10.31.22.png" },
        { "scan", SampleFiles.Pdf, "application/pdf", "scan.pdf" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Inspect_AllowedFile_IsAcceptedWithTheTypeOfItsContent(string name, byte[] content, string type, string safeName)
    {
        var result = s_inspector.Inspect([new AttachmentUpload { FileName = name, Content = content }]);

        Assert.True(result.IsValid, string.Join(", ", result.Problems.Select(p => p.Code)));
        var attachment = Assert.Single(result.Attachments);
        Assert.Equal(type, attachment.ContentType);
        Assert.Equal(safeName, attachment.FileName);
        Assert.Equal(content, attachment.Content.ToArray());
    }

    public static TheoryData<string, byte[], AttachmentProblemCode, string?> RejectedFiles => new()
    {
        // A program renamed to look like a picture.
        { "cat.png", SampleFiles.Exe, AttachmentProblemCode.TypeNotAllowed, "application/x-msdownload" },
        // A picture whose name says program.
        { "cat.exe", SampleFiles.Png, AttachmentProblemCode.TypeMismatch, "image/png" },
        // A PDF posing as a picture.
        { "cat.png", SampleFiles.Pdf, AttachmentProblemCode.TypeMismatch, "application/pdf" },
        // Polyglots: a PNG carrying HTML, a GIF header on a script, a PDF that is also a ZIP archive.
        { "page.html", SampleFiles.Concat(SampleFiles.Png, SampleFiles.Utf8("<html><script>alert(1)</script>")), AttachmentProblemCode.TypeMismatch, "image/png" },
        { "app.js", SampleFiles.Utf8("GIF89a/*\u0001\u0001*/=1;alert(document.cookie)//"), AttachmentProblemCode.TypeMismatch, "image/gif" },
        { "docs.zip", SampleFiles.Concat(SampleFiles.Pdf, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]), AttachmentProblemCode.TypeMismatch, "application/pdf" },
        // Markup is not plain text: a browser would run it.
        { "notes.txt", SampleFiles.Utf8("<!DOCTYPE html><script>alert(1)</script>"), AttachmentProblemCode.TypeNotAllowed, "text/html" },
        { "logo.png", SampleFiles.Utf8("\uFEFF  <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), AttachmentProblemCode.TypeNotAllowed, "text/html" },
        // Not text: NUL, other control characters, invalid UTF-8, UTF-16.
        { "notes.txt", SampleFiles.Utf8("plain\0text"), AttachmentProblemCode.TypeNotAllowed, null },
        { "notes.txt", SampleFiles.Utf8("escape \u001B[31m red"), AttachmentProblemCode.TypeNotAllowed, null },
        { "notes.txt", SampleFiles.Utf8("C1 control \u0085 next line"), AttachmentProblemCode.TypeNotAllowed, null },
        { "notes.txt", [0x61, 0xC3, 0x28, 0x62], AttachmentProblemCode.TypeNotAllowed, null },
        { "notes.txt", Encoding.Unicode.GetBytes("\uFEFFwide text"), AttachmentProblemCode.TypeNotAllowed, null },
        // Truncated signatures are not pictures.
        { "cut.png", SampleFiles.Png[..8], AttachmentProblemCode.TypeNotAllowed, null },
        { "cut.jpg", [0xFF, 0xD8, 0xFF], AttachmentProblemCode.TypeNotAllowed, null },
        // Text that claims another type.
        { "run.ps1", SampleFiles.Text, AttachmentProblemCode.TypeMismatch, "text/plain" },
        { "data.csv", SampleFiles.Utf8("=HYPERLINK(\"http://example.com\")"), AttachmentProblemCode.TypeMismatch, "text/plain" },
        // Empty files.
        { "empty.png", [], AttachmentProblemCode.Empty, null },
    };

    [Theory]
    [MemberData(nameof(RejectedFiles))]
    public void Inspect_HostileOrWrongFile_IsRejectedWithItsCode(string name, byte[] content, AttachmentProblemCode code, string? detected)
    {
        var result = s_inspector.Inspect([new AttachmentUpload { FileName = "fine.png", Content = SampleFiles.Png }, new AttachmentUpload { FileName = name, Content = content }]);

        Assert.False(result.IsValid);
        Assert.Empty(result.Attachments);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(1, problem.FileIndex);
        Assert.Equal(detected, problem.DetectedContentType);
    }

    [Fact]
    public void Inspect_PolyglotNamedAfterItsHeader_IsAcceptedAsThatTypeOnly()
    {
        var polyglot = SampleFiles.Concat(SampleFiles.Png, SampleFiles.Utf8("<html><script>alert(1)</script>"));

        var attachment = Assert.Single(s_inspector.Inspect([new AttachmentUpload { FileName = "picture.png", Content = polyglot }]).Attachments);

        // Served and saved as a PNG it is shown as a picture, never run as a page.
        Assert.Equal("image/png", attachment.ContentType);
        Assert.EndsWith(".png", attachment.FileName, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string> HostileNames => new()
    {
        { "../../etc/passwd", "passwd.txt" },
        { "..\\..\\Windows\\System32\\drivers\\etc\\hosts.txt", "hosts.txt" },
        { "C:\\Users\\anna\\Desktop\\vpn.log", "vpn.log" },
        { "/var/log/../vpn.log", "vpn.log" },
        { "..", "attachment.txt" },
        { "   ...   ", "attachment.txt" },
        { null, "attachment.txt" },
        { "", "attachment.txt" },
        { "line\r\nbreak\t\u0000.txt", "linebreak.txt" },
        { "bell\u0007\u001B[2J.txt", "bell[2J.txt" },
        { "zero\u200Bwidth\u2060\uFEFF.txt", "zerowidth.txt" },
        { "report\u202Etxt.log", "reporttxt.log" },
        { "what?<x>|y*\"z\".txt", "what__x__y__z_.txt" },
        { "file.txt:hidden", "file.txt_hidden.txt" },
        { "CON.txt", "_CON.txt" },
        { "lpt1", "_lpt1.txt" },
        { "com¹.log", "_com¹.log" },
        { "nul .txt", "_nul.txt" },
        { "trailing dots...txt", "trailing dots.txt" },
        { "many     spaces.txt", "many spaces.txt" },
        { "e\u0301te\u0301.txt", "\u00E9t\u00E9.txt" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Inspect_HostileName_IsMadeSafe(string? name, string expected)
    {
        var attachment = Assert.Single(s_inspector.Inspect([new AttachmentUpload { FileName = name, Content = SampleFiles.Text }]).Attachments);

        Assert.Equal(expected, attachment.FileName);
    }

    [Fact]
    public void Inspect_NameWithUnpairedSurrogates_LosesThem()
    {
        // Built in code: theory data cannot carry unpaired surrogates.
        var attachment = Assert.Single(s_inspector.Inspect([new AttachmentUpload { FileName = "broken \uD800 \uDC00surrogate.txt", Content = SampleFiles.Text }]).Attachments);

        Assert.Equal("broken surrogate.txt", attachment.FileName);
    }

    [Fact]
    public void Inspect_RightToLeftOverrideHidingAnExecutable_IsCaught()
    {
        // Shown as "invoiceexe.png" by a renderer that honours U+202E; really ends in .exe.
        var problem = Assert.Single(s_inspector.Inspect([new AttachmentUpload { FileName = "invoice\u202Egnp.exe", Content = SampleFiles.Png }]).Problems);

        Assert.Equal(AttachmentProblemCode.TypeMismatch, problem.Code);
        Assert.Equal("invoicegnp.exe", problem.FileName);
    }

    [Fact]
    public void Inspect_LongName_IsShortenedKeepingTheExtensionAndWholeCharacters()
    {
        var name = new string('a', 94) + "🙂🙂🙂🙂" + ".png";

        var attachment = Assert.Single(s_inspector.Inspect([new AttachmentUpload { FileName = name, Content = SampleFiles.Png }]).Attachments);

        Assert.Equal(new string('a', 94) + "🙂" + ".png", attachment.FileName);
    }

    [Fact]
    public void Inspect_MoreFilesThanAllowed_ReportsTooManyAndAcceptsNone()
    {
        var files = Enumerable.Range(0, 4).Select(i => new AttachmentUpload { FileName = $"{i}.png", Content = SampleFiles.Png }).ToList();

        var result = s_inspector.Inspect(files);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(AttachmentProblemCode.TooMany, problem.Code);
        Assert.Equal(3, problem.Limit);
        Assert.Null(problem.FileIndex);
        Assert.Empty(result.Attachments);
    }

    [Fact]
    public void Inspect_FileOverTheLimit_IsTooLarge()
    {
        var huge = new byte[(5 * 1024 * 1024) + 1];
        SampleFiles.Png.CopyTo(huge, 0);

        var problem = Assert.Single(s_inspector.Inspect([new AttachmentUpload { FileName = "huge.png", Content = huge }]).Problems);

        Assert.Equal(AttachmentProblemCode.TooLarge, problem.Code);
        Assert.Equal(5 * 1024 * 1024, problem.Limit);
    }

    [Fact]
    public void Inspect_FilesTogetherOverTheLimit_AreTotalTooLarge()
    {
        var inspector = Inspector(new TicketAttachmentOptions { MaxFileBytes = 100, MaxTotalBytes = 150 });
        var file = SampleFiles.Concat(SampleFiles.Png, new byte[100 - SampleFiles.Png.Length]);

        var result = inspector.Inspect([new AttachmentUpload { FileName = "a.png", Content = file }, new AttachmentUpload { FileName = "b.png", Content = file }]);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(AttachmentProblemCode.TotalTooLarge, problem.Code);
        Assert.Equal(150, problem.Limit);
    }

    [Fact]
    public void Inspect_TypeTheHostRemoved_IsNotAllowed()
    {
        var options = new TicketAttachmentOptions();
        options.AllowedContentTypes.Remove("application/pdf");

        var problem = Assert.Single(Inspector(options).Inspect([new AttachmentUpload { FileName = "a.pdf", Content = SampleFiles.Pdf }]).Problems);

        Assert.Equal(AttachmentProblemCode.TypeNotAllowed, problem.Code);
        Assert.Equal("application/pdf", problem.DetectedContentType);
    }

    [Fact]
    public void Inspect_SeveralProblems_ReportsEachFileInOrder()
    {
        var result = s_inspector.Inspect(
        [
            new AttachmentUpload { FileName = "empty.txt", Content = Array.Empty<byte>() },
            new AttachmentUpload { FileName = "ok.png", Content = SampleFiles.Png },
            new AttachmentUpload { FileName = "virus.png", Content = SampleFiles.Exe },
            new AttachmentUpload { FileName = "x.pdf", Content = SampleFiles.Png },
        ]);

        Assert.Equal(
            [(AttachmentProblemCode.Empty, (int?)0), (AttachmentProblemCode.TypeNotAllowed, 2), (AttachmentProblemCode.TypeMismatch, 3), (AttachmentProblemCode.TooMany, null)],
            result.Problems.Select(p => (p.Code, p.FileIndex)));
    }

    [Fact]
    public async Task ReadAsync_EndlessUpload_StopsOneBytePastTheLimit()
    {
        await using var endless = new EndlessStream();

        var upload = await AttachmentUpload.ReadAsync("endless.png", endless, 1024 * 1024, TestContext.Current.CancellationToken);

        Assert.Equal((1024 * 1024) + 1, upload.Content.Length);
        Assert.Equal((1024 * 1024) + 1, endless.BytesRead);
        Assert.Equal(AttachmentProblemCode.TooLarge, Assert.Single(Inspector(new TicketAttachmentOptions { MaxFileBytes = 1024 * 1024 }).Inspect([upload]).Problems).Code);
    }

    [Fact]
    public async Task ReadAsync_SmallUpload_ReadsItWhole()
    {
        using var stream = new MemoryStream(SampleFiles.Pdf);

        var upload = await AttachmentUpload.ReadAsync("a.pdf", stream, 1024, TestContext.Current.CancellationToken);

        Assert.Equal(SampleFiles.Pdf, upload.Content.ToArray());
        Assert.True(s_inspector.Inspect([upload]).IsValid);
    }

    [Fact]
    public void Sanitize_AnyName_GivesANameEveryStoreAccepts() =>
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<string>()), name =>
        {
            var safe = FileNames.Sanitize(name, 100).WithExtension("txt");
            var ticket = new TicketSubmission
            {
                IdempotencyKey = "k",
                Subject = "s",
                Description = "d",
                Name = "n",
                Email = "a@b.se",
                SubmittedAt = DateTimeOffset.UnixEpoch,
                Attachments = [new TicketAttachment { FileName = safe, ContentType = "text/plain", Content = SampleFiles.Text }],
            };
            ticket.Validate();
            return safe.Length <= 100 && !safe.StartsWith(' ') && safe.Normalize() == safe;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Fact]
    public void AddHelpWidget_MaxFileBytesOverMaxTotalBytes_FailsNamingBoth()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => o.MaxTotalBytes = 1_000));

        Assert.Contains("MaxFileBytes (5242880)", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxTotalBytes (1000)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHelpWidget_UnrecognisableAllowedType_FailsNamingIt()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => o.AllowedContentTypes.Add("image/svg+xml")));

        Assert.Contains("'image/svg+xml'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHelpWidget_RegistersTheInspectorWithItsOptions()
    {
        var inspector = Resolve(o => o.MaxCount = 1);

        Assert.Equal(AttachmentProblemCode.TooMany, Assert.Single(inspector.Inspect([new() { FileName = "a.png", Content = SampleFiles.Png }, new() { FileName = "b.png", Content = SampleFiles.Png }]).Problems).Code);
    }

    private static ITicketAttachmentInspector Resolve(Action<TicketAttachmentOptions> configure)
    {
        var provider = new ServiceCollection().AddLogging().AddHelpWidget().Services.Configure(configure).BuildServiceProvider();
        return provider.GetRequiredService<ITicketAttachmentInspector>();
    }

    private static TicketAttachmentInspector Inspector(TicketAttachmentOptions options) => new(Options.Create(options));

    /// <summary>An upload that never ends, counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(0x41);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
