namespace SmsConnectors;

/// <summary>
/// The names under which the library reports its traces and metrics, for OpenTelemetry or any
/// other listener: <c>.AddSource(SmsConnectorsDiagnostics.ActivitySourceName)</c> and
/// <c>.AddMeter(SmsConnectorsDiagnostics.MeterName)</c>.
/// </summary>
public static class SmsConnectorsDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of every send: <c>SmsConnectors</c>.</summary>
    public const string ActivitySourceName = "SmsConnectors";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of every instrument: <c>SmsConnectors</c>.</summary>
    public const string MeterName = "SmsConnectors";
}
