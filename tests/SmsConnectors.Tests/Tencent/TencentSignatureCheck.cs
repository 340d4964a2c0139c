using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsConnectors.Tests.Tencent;

/// <summary>
/// Checks a received request the way Tencent's gateway does, written independently of the library's
/// signer: it rebuilds the canonical request from the headers named in <c>SignedHeaders</c> as they
/// were received (lower-cased and trimmed), hashes the received body, derives the key for the
/// credential's date and service, and compares signatures. It never sees a value the client computed
/// other than the Authorization header under test.
/// </summary>
public static class TencentSignatureCheck
{
    /// <summary>The most a request's timestamp may differ from the server's clock.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    public sealed record Result(string? ErrorCode, string Message);

    public static Result Verify(
        string method,
        string path,
        string query,
        Func<string, string?> header,
        byte[] body,
        DateTimeOffset serverNow,
        IReadOnlyDictionary<string, string> secretKeys)
    {
        var authorization = header("Authorization");
        const string Prefix = "TC3-HMAC-SHA256 ";
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Fail("AuthFailure.SignatureFailure", "The Authorization header is missing or not TC3-HMAC-SHA256.");
        }

        var parts = authorization[Prefix.Length..]
            .Split(", ")
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return Fail("AuthFailure.SignatureFailure", "The Authorization header lacks Credential, SignedHeaders or Signature.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 4 || scope[3] != "tc3_request")
        {
            return Fail("AuthFailure.SignatureFailure", "The credential is malformed.");
        }

        var (secretId, date, service) = (scope[0], scope[1], scope[2]);
        if (!secretKeys.TryGetValue(secretId, out var secretKey))
        {
            return Fail("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
        }

        if (!long.TryParse(header("X-TC-Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return Fail("AuthFailure.SignatureFailure", "X-TC-Timestamp is missing or not a number.");
        }

        var requestTime = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if ((serverNow - requestTime).Duration() > AllowedSkew)
        {
            return Fail("AuthFailure.SignatureExpire", "Signature expired. Timestamp and server time cannot differ by more than 5 minutes.");
        }

        if (date != requestTime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) || service != "sms")
        {
            return Fail("AuthFailure.SignatureFailure", "The credential's date or service does not match the request.");
        }

        var names = signedHeaders.Split(';');
        if (!names.Contains("content-type") || !names.Contains("host"))
        {
            return Fail("AuthFailure.SignatureFailure", "content-type and host must be signed.");
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var name in names)
        {
            var value = header(name);
            if (value is null)
            {
                return Fail("AuthFailure.SignatureFailure", $"The signed header {name} was not sent.");
            }

            canonicalHeaders.Append(name).Append(':').Append(value.Trim().ToLowerInvariant()).Append('\n');
        }

        var canonicalRequest = string.Join(
            "\n",
            method,
            path,
            query.TrimStart('?'),
            canonicalHeaders.ToString(),
            signedHeaders,
            Hex(SHA256.HashData(body)));
        var stringToSign = string.Join(
            "\n",
            "TC3-HMAC-SHA256",
            timestamp.ToString(CultureInfo.InvariantCulture),
            $"{date}/{service}/tc3_request",
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Mac(Encoding.UTF8.GetBytes("TC3" + secretKey), date);
        key = Mac(key, service);
        key = Mac(key, "tc3_request");
        var expected = Hex(Mac(key, stringToSign));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? new Result(null, "ok")
            : Fail("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
    }

    private static Result Fail(string code, string message) => new(code, message);

    private static byte[] Mac(byte[] key, string data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
    }

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
