using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Outbox;
using SmsConnectors.Templates;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Outbox;

public class OutboxConnectorTests
{
    private const string Number = "+4915112345678";
    private const string MaskedNumber = "+491********78";

    private static ServiceProvider Build(Action<OutboxOptions>? configure = null, CapturingLoggerProvider? logs = null) =>
        TestHost.Build(services =>
        {
            logs?.AddTo(services);
            services.AddSmsConnectors().AddOutbox("dev", configure);
        });

    private static SmsTextTemplate T(string usageType, string content, string? locale = null) =>
        new() { UsageType = usageType, Content = content, Locale = locale };

    [Fact]
    public async Task Uses_the_built_in_template_without_templates()
    {
        using var provider = Build();

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "907316"));

        Assert.Equal("Your verification code is 907316.", Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).Text);
    }

    [Fact]
    public async Task Configured_templates_without_a_match_fail_like_a_vendor_and_keep_nothing()
    {
        using var provider = Build(o => o.Templates.Add(T("SignIn", "Sign in with {{code}}")));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() =>
            provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.Register, "907316")));

        Assert.Equal(SmsErrorCode.TemplateNotFound, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal("SMS connector 'dev': No template for usage type 'Register' and no 'Generic' template; configured usage types: [SignIn].", error.Message);
        Assert.Empty(provider.GetRequiredService<ISmsOutbox>().Messages);
    }

    [Fact]
    public async Task Renders_the_selected_template()
    {
        using var provider = Build(o =>
        {
            o.Templates.Add(T("Generic", "Generic {{code}}"));
            o.Templates.Add(T("SignIn", "Sign in: {{ code }}"));
            o.Templates.Add(T("SignIn", "Anmeldung: {{ code }}", "de"));
        });
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "111111"));
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "222222", "de-DE"));
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.ForgotPassword, "333333", "de-DE"));

        Assert.Equal(
            ["Sign in: 111111", "Anmeldung: 222222", "Generic 333333"],
            provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Renders_the_whole_payload()
    {
        using var provider = Build(o => o.Templates.Add(T("OrganizationInvitation", "Join {{ organization.name }}: {{ link }}")));

        await provider.GetRequiredService<ISmsConnector>().SendAsync(new SmsMessage
        {
            To = Number,
            Type = SmsUsageType.OrganizationInvitation,
            Payload = new Dictionary<string, object?>
            {
                ["organization"] = new Dictionary<string, object?> { ["name"] = "Acme & Co" },
                ["link"] = "https://example.test/i?a=1&b=2",
            },
        });

        Assert.Equal("Join Acme & Co: https://example.test/i?a=1&b=2", Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).Text);
    }

    [Fact]
    public async Task Unresolved_placeholder_fails_and_keeps_nothing()
    {
        using var provider = Build(o => o.Templates.Add(T("SignIn", "Hi {{ name }}, your code is {{ code }}")));

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(
            () => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "907316")));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Equal("dev", exception.ConnectorName);
        Assert.StartsWith("SMS connector 'dev': ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("{{ name }}", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("907316", exception.Message, StringComparison.Ordinal);
        Assert.Empty(provider.GetRequiredService<ISmsOutbox>().Messages);
    }

    [Fact]
    public async Task Built_in_template_is_strict_too()
    {
        using var provider = Build();

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(
            new SmsMessage { To = Number, Type = SmsUsageType.Generic }));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.Contains("{{code}}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_unresolved_placeholders_keeps_them()
    {
        using var provider = Build(o =>
        {
            o.AllowUnresolvedPlaceholders = true;
            o.Templates.Add(T("SignIn", "Hi {{ name }}, {{code}}"));
        });

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));

        Assert.Equal("Hi {{ name }}, 1", Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).Text);
    }

    [Fact]
    public async Task Keeps_the_message_details()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 30, 0, TimeSpan.Zero));
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev"), timeProvider: clock);
        var payload = new Dictionary<string, object?> { ["code"] = "907316", ["locale"] = "en" };

        var result = await provider.GetRequiredService<ISmsConnector>().SendAsync(new SmsMessage
        {
            To = "0049 (151) 1234-5678",
            Type = SmsUsageType.MfaVerification,
            Payload = payload,
            Ip = "203.0.113.7",
        });

        var message = Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages);
        Assert.Equal(Number, message.To);
        Assert.Equal(SmsUsageType.MfaVerification, message.Type);
        Assert.Equal("dev", message.ConnectorName);
        Assert.Same(payload, message.Payload);
        Assert.Equal("907316", message.Code);
        Assert.Equal("203.0.113.7", message.Ip);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 8, 30, 0, TimeSpan.Zero), message.Timestamp);
        Assert.Equal("dev", result.ConnectorName);
        Assert.Equal(message.Id, result.MessageId);
        Assert.Null(result.RequestId);
    }

    [Theory]
    [InlineData("+49 151 1234 5678")]
    [InlineData("0049-151-12345678")]
    [InlineData("4915112345678")]
    [InlineData("+49 (151) 1234.5678")]
    public async Task Number_is_normalised(string to)
    {
        using var provider = Build();

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(to, SmsUsageType.SignIn, "1"));

        Assert.Equal(Number, Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).To);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a number")]
    [InlineData("015112345678")]
    [InlineData("+49151123456789012")]
    public async Task Invalid_number_is_invalid_request_parameters_and_not_sent(string to)
    {
        using var provider = Build();

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(
            () => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(to, SmsUsageType.SignIn, "1")));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Equal("dev", exception.ConnectorName);
        if (to.Length > 0)
        {
            Assert.DoesNotContain(to, exception.Message, StringComparison.Ordinal);
        }

        Assert.Empty(provider.GetRequiredService<ISmsOutbox>().Messages);
    }

    [Fact]
    public async Task Null_message_is_rejected()
    {
        using var provider = Build();

        await Assert.ThrowsAsync<ArgumentNullException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(null!));
    }

    [Fact]
    public async Task Cancelled_token_sends_nothing()
    {
        using var provider = Build();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"), cancellation.Token));

        Assert.Empty(provider.GetRequiredService<ISmsOutbox>().Messages);
    }

    // Logs.

    [Fact]
    public async Task Logs_a_line_with_the_number_masked_and_without_the_code()
    {
        var logs = new CapturingLoggerProvider();
        using var provider = Build(logs: logs);

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "907316"));

        var sent = Assert.Single(logs.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal("SMS connector 'dev' sent a SignIn message to +491********78 (message id " + provider.GetRequiredService<ISmsOutbox>().Messages[0].Id + ", request id none).", sent.Message);
        Assert.Equal("SmsConnectors.Outbox", sent.Category);
        Assert.DoesNotContain("(null)", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("907316", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("4915112345678", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Your verification code", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_log_masks_the_number_and_omits_the_code()
    {
        var logs = new CapturingLoggerProvider();
        using var provider = Build(o => o.Templates.Add(T("SignIn", "{{ code }} {{ missing }}")), logs);

        await Assert.ThrowsAsync<SmsConnectorException>(
            () => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+49 151 1234 5678", SmsUsageType.SignIn, "907316")));

        var failed = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 3);
        Assert.Contains(MaskedNumber, failed.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidRequestParameters", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("907316", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("4915112345678", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("151 1234 5678", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_number_log_does_not_reveal_the_number()
    {
        var logs = new CapturingLoggerProvider();
        using var provider = Build(logs: logs);

        await Assert.ThrowsAsync<SmsConnectorException>(
            () => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+49 151 1234 5678 ext 9", SmsUsageType.SignIn, "907316")));

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain("1234 5678", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("907316", logs.AllText, StringComparison.Ordinal);
    }

    // The kept message.

    private static OutboxMessage Kept(string code = "907316") => new()
    {
        Id = "0195f0a0b1c27d3e8f90a1b2c3d4e5f6",
        ConnectorName = "dev",
        To = Number,
        Type = SmsUsageType.SignIn,
        Text = $"Your verification code is {code}.",
        Payload = new Dictionary<string, object?> { ["code"] = code },
        Timestamp = new DateTimeOffset(2025, 6, 1, 8, 30, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Outbox_message_to_string_masks_the_number_and_omits_the_text()
    {
        var text = Kept().ToString();

        Assert.Equal(
            "OutboxMessage { Id = 0195f0a0b1c27d3e8f90a1b2c3d4e5f6, ConnectorName = dev, To = +491********78, Type = SignIn, Timestamp = 2025-06-01T08:30:00.0000000+00:00 }",
            text);
        Assert.DoesNotContain("907316", text, StringComparison.Ordinal);
        Assert.DoesNotContain("verification", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Outbox_message_code_reads_the_payload()
    {
        Assert.Equal("907316", Kept().Code);
        Assert.Equal("123", (Kept() with { Payload = new Dictionary<string, object?> { ["code"] = 123 } }).Code);
        Assert.Equal("0042", (Kept() with { Payload = new Dictionary<string, object?> { ["code"] = JsonDocument.Parse("\"0042\"").RootElement } }).Code);
        Assert.Null((Kept() with { Payload = new Dictionary<string, object?>() }).Code);
        Assert.Null((Kept() with { Payload = new Dictionary<string, object?> { ["code"] = null } }).Code);
    }
}
