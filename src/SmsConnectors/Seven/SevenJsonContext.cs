using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsConnectors.Seven;

[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(SevenSmsResponse))]
internal sealed partial class SevenJsonContext : JsonSerializerContext;
