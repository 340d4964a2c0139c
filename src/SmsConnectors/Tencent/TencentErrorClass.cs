namespace SmsConnectors.Tencent;

/// <summary>What a Tencent error code means for us.</summary>
/// <param name="Code">Our error code.</param>
/// <param name="MayHaveBeenSent">Whether the message may still have gone out.</param>
/// <param name="IsTransient">Whether the failure may pass soon, so a retry may help.</param>
internal readonly record struct TencentErrorClass(SmsErrorCode Code, bool MayHaveBeenSent = false, bool IsTransient = false);
