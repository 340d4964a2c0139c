using System.Text.Json.Serialization;

namespace SmsConnectors.SmsAero;

/// <summary>
/// The body of <c>POST /sms/send</c>, in the order SMSAero documents it. The connector writes it
/// directly (<see cref="SmsAeroConnector.Body"/>), byte for byte as this record serializes.
/// </summary>
/// <param name="Number">The recipient: international digits without <c>+</c>.</param>
/// <param name="Sign">The sender name.</param>
/// <param name="Text">The message text.</param>
internal sealed record SmsAeroSendRequest(
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("sign")] string Sign,
    [property: JsonPropertyName("text")] string Text);
