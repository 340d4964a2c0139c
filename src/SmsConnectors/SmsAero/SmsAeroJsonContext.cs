using System.Text.Json.Serialization;

namespace SmsConnectors.SmsAero;

[JsonSerializable(typeof(SmsAeroSendRequest))]
[JsonSerializable(typeof(SmsAeroResponse))]
internal sealed partial class SmsAeroJsonContext : JsonSerializerContext;
