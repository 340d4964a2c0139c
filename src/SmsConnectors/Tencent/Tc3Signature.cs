namespace SmsConnectors.Tencent;

/// <summary>A TC3-HMAC-SHA256 signature and the intermediate values it was computed from (no key material).</summary>
/// <param name="HashedPayload">The lowercase hex SHA-256 of the body.</param>
/// <param name="CanonicalRequest">The canonical request.</param>
/// <param name="HashedCanonicalRequest">The lowercase hex SHA-256 of the canonical request.</param>
/// <param name="StringToSign">The string to sign.</param>
/// <param name="Signature">The lowercase hex signature.</param>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
internal sealed record Tc3Signature(
    string HashedPayload,
    string CanonicalRequest,
    string HashedCanonicalRequest,
    string StringToSign,
    string Signature,
    string Authorization)
{
    /// <summary>Leaves the signature and the Authorization value out, so the record can be printed safely.</summary>
    public override string ToString() => $"Tc3Signature {{ HashedPayload = {HashedPayload}, HashedCanonicalRequest = {HashedCanonicalRequest} }}";
}
