using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.AspNetCore;

namespace SmsConnectors.Samples.WebApi;

/// <summary>A passwordless sign-in API: request a passcode by SMS, then verify it.</summary>
public static class SampleApp
{
    /// <summary>Builds the application; <paramref name="configure"/> lets a test adjust it before it is built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProblemDetails();
        var sms = builder.Services.AddSmsConnectors(builder.Configuration.GetSection("SmsConnectors"));
        builder.Services.Configure<PasscodeOptions>(builder.Configuration.GetSection("Passcodes"));
        builder.Services.AddSingleton<PasscodeStore>();
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Several instances share the guard's counters and idempotency keys, and the passcodes, through Redis
            // ("Running several instances" in the README).
            sms.AddRedisStore(redis);
            builder.Services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "sample:";
            });
        }
        else
        {
            builder.Services.AddDistributedMemoryCache();
        }

        // The caller's IP address (for Guard:PerIp) from X-Forwarded-For, trusted from a proxy on this machine
        // only; add a proxy elsewhere to ForwardedHeadersOptions.KnownProxies.
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        builder.Services.AddHealthChecks().AddSmsConnectors();
        builder.Services.AddSingleton<ISmsDeliveryReportHandler, DeliveryReportLogger>();
        builder.AddSampleTelemetry();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPost("/passcodes", RequestPasscode.HandleAsync);
        app.MapPost("/passcodes/verify", VerifyPasscode.HandleAsync);
        app.MapSmsDeliveryReports("/sms/delivery-reports");
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
        app.MapPrometheusScrapingEndpoint();
        if (app.Environment.IsDevelopment())
        {
            // Every SMS the Outbox kept, live, with its code ("Outbox page" in the README); `dotnet run` runs in Development.
            app.MapSmsOutbox("/dev/sms");
        }

        return app;
    }
}
