namespace SmsConnectors.Tencent;

/// <summary>The outcome for one number; <c>Code</c> is <c>Ok</c> when it was accepted.</summary>
internal sealed class TencentSendStatus
{
    public string? SerialNo { get; set; }

    public string? Code { get; set; }

    /// <summary>How many messages Tencent billed the text as.</summary>
    [System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)]
    public int? Fee { get; set; }

    public string? Message { get; set; }
}
