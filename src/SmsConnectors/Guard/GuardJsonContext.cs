using System.Text.Json.Serialization;

namespace SmsConnectors.Guard;

/// <summary>Serializes what the guard stores under idempotency keys, without reflection.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IdempotencyRecord))]
internal sealed partial class GuardJsonContext : JsonSerializerContext;
