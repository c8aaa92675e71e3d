using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HelpWidget.Lucene.Semantic;

/// <summary>
/// The vectors of one language's articles for one model, kept in a file by content hash: a restart embeds only what
/// changed. The file is written to a temporary name and moved over the old one, so a crash leaves the old file or the
/// new one, never half of one; a file that cannot be read is ignored (the vectors are computed again).
/// </summary>
internal static class VectorCacheFile
{
    private static ReadOnlySpan<byte> Magic => "HWV1"u8;
    public const int HashLength = 32;

    /// <summary>Reads the file; an empty dictionary when it is missing, or when it is damaged or of another dimension (<paramref name="damaged"/> says which).</summary>
    public static Dictionary<string, float[]> Read(string path, out bool damaged)
    {
        damaged = false;
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return vectors;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream);
            Span<byte> magic = stackalloc byte[4];
            reader.BaseStream.ReadExactly(magic);
            var dimensions = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (!magic.SequenceEqual(Magic) || dimensions is <= 0 or > 65_536 || count < 0
                || stream.Length != 12 + ((long)count * (HashLength + (dimensions * sizeof(float)))))
            {
                damaged = true;
                return [];
            }

            var hash = new byte[HashLength];
            for (var i = 0; i < count; i++)
            {
                stream.ReadExactly(hash);
                var vector = new float[dimensions];
                stream.ReadExactly(MemoryMarshal.AsBytes(vector.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    var ints = MemoryMarshal.Cast<float, int>(vector.AsSpan());
                    BinaryPrimitives.ReverseEndianness(ints, ints);
                }

                vectors[Convert.ToHexString(hash)] = vector;
            }

            return vectors;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            damaged = true;
            return [];
        }
    }

    /// <summary>Writes <paramref name="vectors"/> (hash in hex, vector) to <paramref name="path"/>, replacing the file.</summary>
    public static void Write(string path, IReadOnlyCollection<KeyValuePair<string, float[]>> vectors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var dimensions = vectors.Count == 0 ? 1 : vectors.First().Value.Length;
        var temporary = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(dimensions);
            var rows = vectors.Where(v => v.Value.Length == dimensions).ToList();
            writer.Write(rows.Count);
            foreach (var (hash, vector) in rows)
            {
                writer.Write(Convert.FromHexString(hash));
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
