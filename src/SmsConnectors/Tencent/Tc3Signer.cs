using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsConnectors.Tencent;

/// <summary>
/// Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256) for a <c>POST /</c> whose signed
/// headers are <c>content-type</c> and <c>host</c>: canonical request, string to sign, the derived
/// keys <c>kDate</c>, <c>kService</c>, <c>kSigning</c>, and the <c>Authorization</c> value.
/// Derived key material stays inside <see cref="Sign"/>; only the signature leaves it.
/// </summary>
internal static class Tc3Signer
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    public const string SignedHeaders = "content-type;host";

    private const string Terminator = "tc3_request";

    /// <summary>Signs one request.</summary>
    /// <param name="secretId">The API key's SecretId (named in the credential).</param>
    /// <param name="secretKey">The API key's SecretKey.</param>
    /// <param name="service">The service, for example <c>sms</c>.</param>
    /// <param name="host">The <c>Host</c> header as it is sent (with <c>:port</c> when not the default).</param>
    /// <param name="contentType">The <c>Content-Type</c> header as it is sent.</param>
    /// <param name="body">The exact body bytes that are sent.</param>
    /// <param name="timestamp">The request time in Unix seconds, sent as <c>X-TC-Timestamp</c>.</param>
    /// <returns>The signature and the values it was computed from.</returns>
    public static Tc3Signature Sign(string secretId, string secretKey, string service, string host, string contentType, ReadOnlySpan<byte> body, long timestamp)
    {
        var date = DateOf(timestamp);
        var hashedPayload = HexSha256(body);
        var canonicalRequest = CanonicalRequest(contentType, host, hashedPayload);
        var hashedCanonicalRequest = HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));
        var credentialScope = $"{date}/{service}/{Terminator}";
        var stringToSign = $"{Algorithm}\n{timestamp.ToString(CultureInfo.InvariantCulture)}\n{credentialScope}\n{hashedCanonicalRequest}";

        // kDate = HMAC("TC3" + secretKey, date); kService = HMAC(kDate, service); kSigning = HMAC(kService, "tc3_request").
        var secret = Encoding.UTF8.GetBytes("TC3" + secretKey);
        Span<byte> keys = stackalloc byte[3 * HMACSHA256.HashSizeInBytes];
        var kDate = keys[..HMACSHA256.HashSizeInBytes];
        var kService = keys.Slice(HMACSHA256.HashSizeInBytes, HMACSHA256.HashSizeInBytes);
        var kSigning = keys[(2 * HMACSHA256.HashSizeInBytes)..];
        try
        {
            HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(date), kDate);
            HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(service), kService);
            HMACSHA256.HashData(kService, Encoding.UTF8.GetBytes(Terminator), kSigning);
            Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(kSigning, Encoding.UTF8.GetBytes(stringToSign), signature);
            var signatureHex = Convert.ToHexStringLower(signature);
            return new Tc3Signature(
                hashedPayload,
                canonicalRequest,
                hashedCanonicalRequest,
                stringToSign,
                signatureHex,
                $"{Algorithm} Credential={secretId}/{credentialScope}, SignedHeaders={SignedHeaders}, Signature={signatureHex}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keys);
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The canonical request of a <c>POST /</c> without a query that signs <c>content-type</c> and <c>host</c>.</summary>
    /// <remarks>Header values are lower-cased and trimmed, as Tencent canonicalises them.</remarks>
    public static string CanonicalRequest(string contentType, string host, string hashedPayload) =>
        $"POST\n/\n\ncontent-type:{Canonical(contentType)}\nhost:{Canonical(host)}\n\n{SignedHeaders}\n{hashedPayload}";

    /// <summary>The credential date of <paramref name="timestamp"/>: its UTC day as <c>yyyy-MM-dd</c>.</summary>
    public static string DateOf(long timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>Host</c> header for <paramref name="address"/>: the ASCII host (IPv6 in brackets),
    /// with <c>:port</c> when the port is not the scheme's default.
    /// </summary>
    public static string HostOf(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = address.HostNameType == UriHostNameType.IPv6 ? address.Host : address.IdnHost;
        return address.IsDefaultPort ? host : $"{host}:{address.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Canonical(string value) => value.Trim().ToLowerInvariant();

    private static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }
}
