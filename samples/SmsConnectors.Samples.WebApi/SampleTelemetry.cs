using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SmsConnectors;

namespace SmsConnectors.Samples.WebApi;

/// <summary>The sample's traces and metrics, exported with OpenTelemetry.</summary>
public static class SampleTelemetry
{
    /// <summary>Buckets in seconds for <c>sms.send.duration</c>, up to the default total timeout of 30 s.</summary>
    private static readonly double[] SendDurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>
    /// Traces every request, every send and every vendor call, and measures the library's instruments.
    /// Exports to the console unless <c>OpenTelemetry:Exporter</c> is <c>none</c>, over OTLP when
    /// <c>OpenTelemetry:Otlp:Endpoint</c> is set, and serves the metrics to Prometheus at <c>/metrics</c>.
    /// </summary>
    public static void AddSampleTelemetry(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("OpenTelemetry");
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("SmsConnectors.Samples.WebApi"))
            .WithMetrics(metrics => metrics
                .AddMeter(SmsConnectorsDiagnostics.MeterName)
                .AddView("sms.send.duration", new ExplicitBucketHistogramConfiguration { Boundaries = SendDurationBuckets })
                .AddPrometheusExporter());

        // What is traced; traces are recorded (and their context sent to vendors) only when an exporter below takes them.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(SmsConnectorsDiagnostics.ActivitySourceName)
            .AddSource("Microsoft.AspNetCore", "System.Net.Http"));

        switch (settings["Exporter"] ?? "console")
        {
            case "console":
                telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
                break;
            case "none":
                break;
            case var other:
                throw new InvalidOperationException($"OpenTelemetry:Exporter is '{other}'; it must be 'console' or 'none'.");
        }

        if (settings["Otlp:Endpoint"] is { Length: > 0 } endpoint)
        {
            telemetry.WithTracing().UseOtlpExporter(settings.GetValue("Otlp:Protocol", OtlpExportProtocol.Grpc), new Uri(endpoint));
        }
    }
}
