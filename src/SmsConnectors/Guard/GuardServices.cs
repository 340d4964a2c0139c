using Microsoft.Extensions.Logging;
using SmsConnectors.Telemetry;

namespace SmsConnectors.Guard;

/// <summary>What every guard plan is built with.</summary>
internal sealed record GuardServices(TimeProvider TimeProvider, ILogger Logger, SmsTelemetry Telemetry);
