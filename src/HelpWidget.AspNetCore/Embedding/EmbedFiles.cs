using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HelpWidget.AspNetCore;

/// <summary>The one tag's script and styles, embedded in the assembly, served with an ETag, a short cache lifetime and gzip.</summary>
internal sealed partial class EmbedFiles
{
    private readonly byte[] _content;
    private readonly byte[] _gzip;
    private readonly string _contentType;
    private readonly string _etag;

    private EmbedFiles(string resource, string contentType)
    {
        using var stream = typeof(EmbedFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The HelpWidget.AspNetCore assembly lacks its resource '{resource}'.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        _content = Encoding.UTF8.GetBytes(Compact(reader.ReadToEnd()));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(_content);
        }

        _gzip = compressed.ToArray();
        _contentType = contentType;
        _etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(_content))[..16] + "\"";
    }

    public static EmbedFiles Script { get; } = new("HelpWidget.AspNetCore.embed.js", "text/javascript; charset=utf-8");

    public static EmbedFiles Styles { get; } = new("HelpWidget.AspNetCore.embed.css", "text/css; charset=utf-8");

    /// <summary>
    /// The files stay readable in the repository; what is sent leaves out comments and indentation (a quarter of the
    /// gzipped weight). Both files are written so that this is safe: no line of script starts with <c>//</c> inside a
    /// string, and no style has <c>/*</c> inside a string.
    /// </summary>
    private static string Compact(string text)
    {
        var withoutBlockComments = BlockComment().Replace(text, string.Empty);
        var lines = withoutBlockComments.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal));
        return string.Join('\n', lines) + "\n";
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    public IResult Serve(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ETag = _etag;

        // Not fingerprinted (the tag's address never changes), so cached briefly and revalidated by ETag after that.
        headers.CacheControl = "public, max-age=600";
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";

        // Pages of other origins load these; a page with Cross-Origin-Embedder-Policy needs this to.
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == _etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return TypedResults.Bytes(_gzip, _contentType);
        }

        return TypedResults.Bytes(_content, _contentType);
    }
}
