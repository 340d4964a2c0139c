using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SmsConnectors.Guard;

/// <summary>
/// Turns numbers, IP addresses and idempotency keys into store keys that hold none of them in clear
/// text: a kind prefix and the first 128 bits of an HMAC-SHA256 (with the configured secret) or a
/// SHA-256 of the value.
/// </summary>
internal sealed class GuardKeys(string? secret)
{
    private readonly byte[]? _secret = string.IsNullOrEmpty(secret) ? null : Encoding.UTF8.GetBytes(secret);

    public string Number(SmsPhoneNumber to) => Hash("n:", to.E164);

    /// <summary>The keys of a number's counter and of its cool-down, from one hash of the number.</summary>
    public (string Number, string Cooldown) NumberAndCooldown(SmsPhoneNumber to)
    {
        var hash = Hash(string.Empty, to.E164);
        return ("n:" + hash, "cd:" + hash);
    }

    /// <summary>The key of a client address: IPv4 as it is, IPv6 by its /64 network (one subscriber's block).</summary>
    public string Ip(string ip) => Hash("ip:", NetworkOf(ip));

    public string Idempotency(string key) => Hash("id:", key);

    public static string Country(string region) => "c:" + region;

    public static string Day(DateTimeOffset now) => "d:" + now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private string Hash(string kind, string value)
    {
        Span<byte> text = stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length) is var max && max <= 512 ? max : 0];
        var bytes = text.Length > 0 ? text[..Encoding.UTF8.GetBytes(value, text)] : Encoding.UTF8.GetBytes(value);
        Span<byte> hash = stackalloc byte[32];
        if (_secret is null)
        {
            SHA256.HashData(bytes, hash);
        }
        else
        {
            HMACSHA256.HashData(_secret, bytes, hash);
        }

        return kind + Base64Url.EncodeToString(hash[..16]);
    }

    private static string NetworkOf(string ip)
    {
        var trimmed = ip.Trim();
        if (!IPAddress.TryParse(trimmed, out var address))
        {
            return trimmed;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
