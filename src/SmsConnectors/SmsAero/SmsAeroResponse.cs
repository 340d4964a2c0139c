using System.Text.Json;
using System.Text.Json.Serialization;
using SmsConnectors.Serialization;

namespace SmsConnectors.SmsAero;

/// <summary>
/// SMSAero's answer: the v2 envelope (<c>success</c>, <c>data</c>, <c>message</c>) or the older
/// <c>result</c>/<c>reason</c> shape. Fields this connector does not use are ignored.
/// </summary>
internal sealed class SmsAeroResponse
{
    [JsonPropertyName("success")]
    public bool? Success { get; set; }

    /// <summary>The sent message (an object or an array of them), or a validation error's fields; the one-pass reader leaves it unread (see <see cref="Sent"/>).</summary>
    [JsonPropertyName("data")]
    public JsonElement Data { get; set; }

    /// <summary>
    /// What the one-pass reader took from <c>data</c> for a sent message, its id and cost (none
    /// without <c>data</c>); <see langword="null"/> when a name in its entry has an escape a
    /// document's lookup could stumble on, for which <c>data</c> is read again as a document.
    /// </summary>
    [JsonIgnore]
    public SmsAeroSentEntry? Sent { get; set; } = default(SmsAeroSentEntry);

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
