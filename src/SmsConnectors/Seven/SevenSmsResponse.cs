using System.Text.Json.Serialization;
using SmsConnectors.Serialization;

namespace SmsConnectors.Seven;

/// <summary>Seven's JSON answer to <c>POST /sms</c>; fields this connector does not use are ignored.</summary>
internal sealed class SevenSmsResponse
{
    /// <summary>The result code, a string (<c>"100"</c>) though a number is accepted too.</summary>
    [JsonPropertyName("success")]
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Success { get; set; }

    /// <summary>The price of the send in the account's currency.</summary>
    [JsonPropertyName("total_price")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? TotalPrice { get; set; }

    [JsonPropertyName("messages")]
    public List<SevenSmsMessage?>? Messages { get; set; }
}
