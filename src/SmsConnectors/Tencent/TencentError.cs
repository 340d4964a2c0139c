namespace SmsConnectors.Tencent;

/// <summary>A whole-request failure: <c>{"Code": "AuthFailure.SignatureFailure", "Message": "..."}</c>.</summary>
internal sealed class TencentError
{
    public string? Code { get; set; }

    public string? Message { get; set; }
}
