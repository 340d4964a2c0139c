using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Resilience;

public sealed class ResilienceOptionsTests
{
    private const string Connector = """
        "Provider": "Seven", "apiKey": "k",
        "templates": [ { "usageType": "Generic", "content": "Code {{code}}" } ]
        """;

    [Fact]
    public void Defaults_are_sensible()
    {
        var options = new SevenOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Resilience.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Resilience.ConnectTimeout);
        Assert.Equal(2, options.Resilience.Retry.MaxRetryAttempts);
        Assert.True(options.Resilience.Retry.UseJitter);
        Assert.True(options.Resilience.CircuitBreaker.Enabled);
        Assert.Null(options.RateLimit);
        Assert.Equal(64 * 1024, options.MaxResponseBytes);
    }

    [Fact]
    public async Task The_resilience_and_rate_limit_keys_bind_from_configuration()
    {
        var configuration = TestHost.Json($$"""
            { "SmsConnectors": { "Connectors": { "seven": { {{Connector}},
              "MaxResponseBytes": 2048,
              "Resilience": {
                "TotalTimeout": "00:00:20", "AttemptTimeout": "00:00:04", "ConnectTimeout": "00:00:02",
                "Retry": { "MaxRetryAttempts": 4, "BaseDelay": "00:00:00.100", "MaxDelay": "00:00:03", "UseJitter": false, "MaxRetryAfter": "00:00:07" },
                "CircuitBreaker": { "Enabled": false, "FailureRatio": 0.8, "MinimumThroughput": 20, "SamplingDuration": "00:01:00", "BreakDuration": "00:00:45" }
              },
              "RateLimit": { "PermitsPerSecond": 10, "QueueLength": 50 } } } } }
            """);
        await using var services = TestHost.Build(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        var options = services.GetRequiredService<IOptionsMonitor<SevenOptions>>().Get("seven");

        Assert.Equal(2048, options.MaxResponseBytes);
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2)), (options.Resilience.TotalTimeout, options.Resilience.AttemptTimeout, options.Resilience.ConnectTimeout));
        var retry = options.Resilience.Retry;
        Assert.Equal((4, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3), false, TimeSpan.FromSeconds(7)), (retry.MaxRetryAttempts, retry.BaseDelay, retry.MaxDelay, retry.UseJitter, retry.MaxRetryAfter));
        var breaker = options.Resilience.CircuitBreaker;
        Assert.Equal((false, 0.8, 20, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(45)), (breaker.Enabled, breaker.FailureRatio, breaker.MinimumThroughput, breaker.SamplingDuration, breaker.BreakDuration));
        Assert.Equal((10, 50), (options.RateLimit!.PermitsPerSecond, options.RateLimit.QueueLength));
    }

    [Theory]
    [InlineData("\"Resilience\": { \"TotalTimeout\": \"00:00:05\", \"AttemptTimeout\": \"00:00:06\" }", "SMS connector 'seven': 'Resilience:AttemptTimeout' (00:00:06) must not be longer than 'Resilience:TotalTimeout' (00:00:05).")]
    [InlineData("\"Resilience\": { \"TotalTimeout\": \"00:00:00\" }", "SMS connector 'seven': 'Resilience:TotalTimeout' (00:00:00) must be between 00:00:00.0100000 and 1.00:00:00.")]
    [InlineData("\"Resilience\": { \"ConnectTimeout\": \"-00:00:01\" }", "SMS connector 'seven': 'Resilience:ConnectTimeout' (-00:00:01) must be between 00:00:00.0100000 and 1.00:00:00.")]
    [InlineData("\"Resilience\": { \"Retry\": { \"MaxRetryAttempts\": 11 } }", "SMS connector 'seven': 'Resilience:Retry:MaxRetryAttempts' must be between 0 and 10.")]
    [InlineData("\"Resilience\": { \"Retry\": { \"BaseDelay\": \"00:00:02\", \"MaxDelay\": \"00:00:01\" } }", "SMS connector 'seven': 'Resilience:Retry:MaxDelay' (00:00:01) must be between 00:00:02 and 1.00:00:00.")]
    [InlineData("\"Resilience\": { \"CircuitBreaker\": { \"FailureRatio\": 0 } }", "SMS connector 'seven': 'Resilience:CircuitBreaker:FailureRatio' must be greater than 0 and at most 1.")]
    [InlineData("\"Resilience\": { \"CircuitBreaker\": { \"MinimumThroughput\": 1 } }", "SMS connector 'seven': 'Resilience:CircuitBreaker:MinimumThroughput' must be at least 2.")]
    [InlineData("\"Resilience\": { \"CircuitBreaker\": { \"BreakDuration\": \"00:00:00.100\" } }", "SMS connector 'seven': 'Resilience:CircuitBreaker:BreakDuration' (00:00:00.1000000) must be between 00:00:00.5000000 and 1.00:00:00.")]
    [InlineData("\"RateLimit\": { \"PermitsPerSecond\": -1 }", "SMS connector 'seven': 'RateLimit:PermitsPerSecond' must not be negative (0 turns the limit off).")]
    [InlineData("\"RateLimit\": { \"QueueLength\": -5 }", "SMS connector 'seven': 'RateLimit:QueueLength' must not be negative.")]
    [InlineData("\"MaxResponseBytes\": 0", "SMS connector 'seven': 'MaxResponseBytes' must be at least 1.")]
    public void Bad_settings_fail_at_startup_naming_connector_and_key(string setting, string expected)
    {
        var configuration = TestHost.Json($$"""{ "SmsConnectors": { "Connectors": { "seven": { {{Connector}}, {{setting}} } } } }""");

        var failures = TestHost.StartupFailures(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        Assert.Contains(expected, failures);
        Assert.All(failures, failure => Assert.StartsWith("SMS connector 'seven': '", failure, StringComparison.Ordinal));
    }

    [Fact]
    public void A_disabled_circuit_breaker_is_not_checked()
    {
        var configuration = TestHost.Json($$"""{ "SmsConnectors": { "Connectors": { "seven": { {{Connector}}, "Resilience": { "CircuitBreaker": { "Enabled": false, "MinimumThroughput": 0 } } } } } }""");

        Assert.Empty(TestHost.StartupFailures(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors"))));
    }
}
