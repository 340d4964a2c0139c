using System.Text.Json.Serialization;

namespace SmsConnectors.Seven;

/// <summary>Seven's JSON answer to <c>POST /sms</c>; fields this connector does not use are ignored.</summary>
internal sealed class SevenSmsResponse
{
    /// <summary>The result code, a string (<c>"100"</c>) though a number is accepted too.</summary>
    [JsonPropertyName("success")]
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Success { get; set; }

    [JsonPropertyName("messages")]
    public List<SevenSmsMessage?>? Messages { get; set; }
}

/// <summary>One recipient's entry in <see cref="SevenSmsResponse.Messages"/>.</summary>
internal sealed class SevenSmsMessage
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("success")]
    public bool? Success { get; set; }

    [JsonPropertyName("error")]
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Error { get; set; }

    [JsonPropertyName("error_text")]
    public string? ErrorText { get; set; }
}
