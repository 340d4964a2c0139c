using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SmsConnectors.Guard;

/// <summary>
/// Turns numbers, IP addresses and idempotency keys into store keys that hold none of them in clear
/// text: a kind prefix and the first 128 bits of an HMAC-SHA256 (with the configured secret) or a
/// SHA-256 of the value. Each thread hashes with a hash object of its own, reset after each value:
/// a one-shot hash sets up the platform's hash context anew for every value, which costs more than
/// hashing a phone number.
/// </summary>
internal sealed class GuardKeys(string? secret)
{
    /// <summary>How many bytes of the hash a key keeps.</summary>
    private const int HashBytes = 16;

    /// <summary>How many characters those bytes take in base64url.</summary>
    private const int HashChars = 22;

    /// <summary>The longest network an address is counted by: an IPv6 address in full with an IPv4 tail, and "/64".</summary>
    private const int MaxNetworkBytes = 48;

    [ThreadStatic]
    private static IncrementalHash? _threadSha256;

    [ThreadStatic]
    private static IncrementalHash? _threadHmac;

    /// <summary>The secret the thread's HMAC is keyed with.</summary>
    [ThreadStatic]
    private static byte[]? _threadHmacSecret;

    private readonly byte[]? _secret = string.IsNullOrEmpty(secret) ? null : Encoding.UTF8.GetBytes(secret);

    public string Number(SmsPhoneNumber to) => Hash("n:", to.E164);

    /// <summary>The keys of a number's counter and of its cool-down, each only when asked for, from one hash of the number.</summary>
    public (string? Number, string? Cooldown) NumberAndCooldown(SmsPhoneNumber to, bool number = true, bool cooldown = true)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashOf(to.E164, hash);
        return (number ? Key("n:", hash) : null, cooldown ? Key("cd:", hash) : null);
    }

    /// <summary>The key of a client address: IPv4 as it is, IPv6 by its /64 network (one subscriber's block).</summary>
    public string Ip(string ip)
    {
        var trimmed = ip.AsSpan().Trim();
        if (!IPAddress.TryParse(trimmed, out var address))
        {
            return Hash("ip:", trimmed);
        }

        Span<byte> network = stackalloc byte[MaxNetworkBytes];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashOf(network[..WriteNetwork(address, network)], hash);
        return Key("ip:", hash);
    }

    public string Idempotency(string key) => Hash("id:", key);

    public static string Country(string region) => "c:" + region;

    public static string Day(DateTimeOffset now) => "d:" + now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private string Hash(string kind, ReadOnlySpan<char> value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashOf(value, hash);
        return Key(kind, hash);
    }

    private void HashOf(ReadOnlySpan<char> value, Span<byte> hash)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var text = max <= 512 ? stackalloc byte[max] : new byte[max];
        HashOf(text[..Encoding.UTF8.GetBytes(value, text)], hash);
    }

    private void HashOf(ReadOnlySpan<byte> value, Span<byte> hash)
    {
        var hasher = Hasher();
        hasher.AppendData(value);
        hasher.TryGetHashAndReset(hash, out _);
    }

    /// <summary>The thread's hash object for this secret: one configuration is in force at a time, so a thread rarely keys a new one.</summary>
    private IncrementalHash Hasher()
    {
        if (_secret is null)
        {
            return _threadSha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }

        if (_threadHmac is null || !_secret.AsSpan().SequenceEqual(_threadHmacSecret))
        {
            _threadHmac?.Dispose();
            _threadHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
            _threadHmacSecret = _secret;
        }

        return _threadHmac;
    }

    private static string Key(string kind, ReadOnlySpan<byte> hash)
    {
        Span<char> key = stackalloc char[kind.Length + HashChars];
        kind.CopyTo(key);
        Base64Url.EncodeToChars(hash[..HashBytes], key[kind.Length..]);
        return new string(key);
    }

    /// <summary>Writes the network <paramref name="address"/> is counted by, in UTF-8: IPv4 as it is, IPv6 as its /64.</summary>
    private static int WriteNetwork(IPAddress address, Span<byte> network)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        int written;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            address.TryFormat(network, out written);
            return written;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        new IPAddress(bytes).TryFormat(network, out written);
        "/64"u8.CopyTo(network[written..]);
        return written + 3;
    }
}
