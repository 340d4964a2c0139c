using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace SmsConnectors.Samples.WebApi;

/// <summary>A passwordless sign-in API: request a passcode by SMS, then verify it.</summary>
public static class SampleApp
{
    /// <summary>Builds the application; <paramref name="configure"/> lets a test adjust it before it is built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProblemDetails();
        builder.Services.AddSmsConnectors(builder.Configuration.GetSection("SmsConnectors"));
        builder.Services.Configure<PasscodeOptions>(builder.Configuration.GetSection("Passcodes"));
        builder.Services.AddSingleton<PasscodeStore>();
        builder.Services.AddHealthChecks().AddSmsConnectors();
        builder.AddSampleTelemetry();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPost("/passcodes", RequestPasscode.HandleAsync);
        app.MapPost("/passcodes/verify", VerifyPasscode.Handle);
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}
