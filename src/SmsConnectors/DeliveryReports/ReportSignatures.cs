using System.Security.Cryptography;
using System.Text;

namespace SmsConnectors.DeliveryReports;

/// <summary>The cryptography every vendor's delivery-report check shares: HMAC-SHA256, hex, and comparisons in constant time.</summary>
internal static class ReportSignatures
{
    /// <summary>The HMAC-SHA256 of <paramref name="data"/> keyed with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> data) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);

    /// <summary>The lowercase hex of <paramref name="bytes"/>.</summary>
    public static string LowerHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>
    /// Whether <paramref name="hex"/> (either case) is the hex of <paramref name="expected"/>; the
    /// bytes are compared in constant time, and text that is not hex of the right length never matches.
    /// </summary>
    public static bool HexMatches(string? hex, ReadOnlySpan<byte> expected)
    {
        if (hex is null || hex.Length != expected.Length * 2)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[expected.Length];
        return Convert.FromHexString(hex, given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>
    /// Whether two secrets are equal, in time that depends on neither: their SHA-256 hashes are
    /// compared, so not even the length of the expected one shows.
    /// </summary>
    public static bool SecretsEqual(string? given, string expected)
    {
        if (given is null)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> right = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(given), left);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }
}
