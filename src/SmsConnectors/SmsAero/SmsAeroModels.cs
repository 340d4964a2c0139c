using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsConnectors.SmsAero;

/// <summary>The body of <c>POST /sms/send</c>, in the order SMSAero documents it.</summary>
/// <param name="Number">The recipient: international digits without <c>+</c>.</param>
/// <param name="Sign">The sender name.</param>
/// <param name="Text">The message text.</param>
internal sealed record SmsAeroSendRequest(
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("sign")] string Sign,
    [property: JsonPropertyName("text")] string Text);

/// <summary>
/// SMSAero's answer: the v2 envelope (<c>success</c>, <c>data</c>, <c>message</c>) or the older
/// <c>result</c>/<c>reason</c> shape. Fields this connector does not use are ignored.
/// </summary>
internal sealed class SmsAeroResponse
{
    [JsonPropertyName("success")]
    public bool? Success { get; set; }

    /// <summary>The sent message (an object or an array of them), or a validation error's fields.</summary>
    [JsonPropertyName("data")]
    public JsonElement Data { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("result")]
    public string? Result { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Id { get; set; }
}

[JsonSerializable(typeof(SmsAeroSendRequest))]
[JsonSerializable(typeof(SmsAeroResponse))]
internal sealed partial class SmsAeroJsonContext : JsonSerializerContext;
