using System.Text.Json.Serialization;
using SmsConnectors.Serialization;

namespace SmsConnectors.Seven;

/// <summary>One recipient's entry in <see cref="SevenSmsResponse.Messages"/>.</summary>
internal sealed class SevenSmsMessage
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Id { get; set; }

    /// <summary>How many messages the text was billed as.</summary>
    [JsonPropertyName("parts")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Parts { get; set; }

    [JsonPropertyName("success")]
    public bool? Success { get; set; }

    [JsonPropertyName("error")]
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Error { get; set; }

    [JsonPropertyName("error_text")]
    public string? ErrorText { get; set; }
}
