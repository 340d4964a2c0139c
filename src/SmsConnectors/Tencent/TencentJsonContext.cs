using System.Text.Json.Serialization;

namespace SmsConnectors.Tencent;

/// <summary>Source-generated JSON reading of Tencent's answers (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TencentEnvelope))]
[JsonSerializable(typeof(TencentPackagesEnvelope))]
internal sealed partial class TencentJsonContext : JsonSerializerContext;
