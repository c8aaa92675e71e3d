using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HelpWidget.Rollout;

/// <summary>A stable share of users: HMAC-SHA256 of the user id under the key, its first four bytes as a bucket from 0 to 9,999.</summary>
internal sealed class RolloutShare
{
    public const int Buckets = 10_000;

    private readonly byte[] _key;
    private readonly int _threshold;

    public RolloutShare(string key, double percent)
    {
        _key = Encoding.UTF8.GetBytes(key);
        _threshold = (int)Math.Round(Math.Clamp(percent, 0, 100) * (Buckets / 100), MidpointRounding.AwayFromZero);
    }

    public static int Bucket(byte[] key, string userId)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId), hash);

        // 2^32 is not a multiple of 10,000: the first 7,296 buckets are 1 in 430,000 likelier, far below any share's step.
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % Buckets);
    }

    public bool Contains(string? userId) => !string.IsNullOrEmpty(userId) && Bucket(_key, userId) < _threshold;
}
