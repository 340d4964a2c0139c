namespace SmsConnectors.Tencent;

/// <summary>A Tencent message ready to sign and send.</summary>
/// <param name="Body">The <c>SendSms</c> body, built once.</param>
/// <param name="To">The recipient, for error texts (masked).</param>
internal sealed record TencentPrepared(byte[] Body, SmsPhoneNumber To);
