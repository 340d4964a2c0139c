namespace SmsConnectors;

/// <summary>Settings every connector that calls a vendor over HTTP has.</summary>
public abstract class HttpSmsConnectorOptions : SmsConnectorOptions
{
    /// <summary>The default for <see cref="MaxResponseBytes"/>: 64 KiB.</summary>
    public const int DefaultMaxResponseBytes = 64 * 1024;

    /// <summary>Gets or sets the largest vendor answer read, in bytes; a larger answer is <see cref="SmsErrorCode.InvalidResponse"/>.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;
}
