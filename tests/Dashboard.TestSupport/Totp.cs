using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Dashboard.Tests.Support;

/// <summary>
/// What an authenticator app computes (RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, 6 digits), from
/// the shared key the page shows, so the tests sign in with real codes and never with the app's own code.
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at) => Code(Base32(base32Key), at);

    public static string Code(byte[] key, DateTimeOffset at, int digits = 6)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff;
        return (binary % (int)Math.Pow(10, digits)).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The code for now.</summary>
    public static string Now(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    /// <summary>Six digits that are no valid code within the 90 seconds either side that a server accepts.</summary>
    public static string Wrong(string base32Key, int seed = 0)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-4, 9).Select(step => Code(base32Key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(seed * 7919, 1_000_000).Select(n => (n % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    /// <summary>RFC 4648 base32, as the page shows it (spaces and lower case allowed).</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "").TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not base32");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return bytes.ToArray();
    }
}
