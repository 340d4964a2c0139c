using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Faults;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Fuzzing;

/// <summary>
/// Seeded fuzzing of every vendor connector and the Outbox: random templates, payloads, numbers and
/// vendor answers (served by a mock handler, and byte by byte with right and wrong framing by a raw
/// TCP server). Whatever the input, a send ends in time with a result or an
/// <see cref="SmsConnectorException"/>, and no exception text and no log line repeats the full
/// number, the passcode or a declared secret. Each failure names the seed and the case to replay.
/// </summary>
public sealed class SendFuzzTests
{
    private const int Seed = 20261122;
    private const int Configurations = 40;
    private const int SendsPerConfiguration = 8;
    private const int FramingCases = 40;
    private const string Outbox = "Outbox";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly SmsUsageType[] Types = [SmsUsageType.SignIn, SmsUsageType.Register, SmsUsageType.ForgotPassword, SmsUsageType.Generic, SmsUsageType.MfaVerification];
    private static readonly string NumberDigits = VendorKit.Number.TrimStart('+');

    public static TheoryData<string> Targets => [.. VendorKit.All.Select(kit => kit.Name), Outbox];

    public static TheoryData<string> Vendors => VendorKit.Names();

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Random_templates_payloads_numbers_and_answers_end_in_a_result_or_a_connector_exception_that_leaks_nothing(string target)
    {
        var seed = SeedOf(target);
        var inputs = new FuzzInputs(seed);
        var kit = target == Outbox ? null : VendorKit.Get(target);
        var index = 0;
        var (answered, results, started) = (0, 0, 0);
        for (var configuration = 0; configuration < Configurations; configuration++)
        {
            var template = inputs.Template();
            var allowUnresolved = inputs.Chance(0.3);
            FuzzAnswer? answer = null;
            var mock = new MockHttpMessageHandler();
            mock.Fallback.Respond(_ =>
            {
                answered++;
                return Respond(answer!);
            });
            var logs = new CapturingLoggerProvider();
            ServiceProvider services;
            try
            {
                services = Build(kit, template, allowUnresolved, mock, logs);
            }
            catch (OptionsValidationException refused)
            {
                // A template with single or unbalanced braces is refused at startup, naming the connector and never quoting the text.
                Assert.All(refused.Failures, failure => Assert.StartsWith($"SMS connector '{VendorKit.ConnectorName}': ", failure, StringComparison.Ordinal));
                Assert.DoesNotContain(refused.Failures, failure => template.Length > 3 && failure.Contains(template, StringComparison.Ordinal));
                index += SendsPerConfiguration;
                continue;
            }

            await using var disposeServices = services;
            started++;
            var connector = services.GetRequiredKeyedService<ISmsConnector>(VendorKit.ConnectorName);
            var logged = 0;
            for (var send = 0; send < SendsPerConfiguration; send++, index++)
            {
                var message = new SmsMessage { To = inputs.Phone(), Type = inputs.Pick(Types), Payload = inputs.Payload() };
                answer = kit is null ? null : inputs.Answer(kit);
                var replay = $"seed {seed}, case {index} ({target}): template '{template}', allowUnresolved {allowUnresolved}, to '{message.To}', payload [{string.Join(", ", message.Payload.Keys)}], answer {answer}";

                var error = await SendAsync(connector, message);

                Assert.True(error is null or SmsConnectorException, $"{replay}: {error}");
                results += error is null ? 1 : 0;
                var lines = logs.Lines.Skip(logged).ToList();
                logged += lines.Count;
                AssertNothingLeaks(kit, message, [.. Texts(error), .. lines], replay);
            }
        }

        // The inputs must reach the vendor and succeed often enough for the checks above to mean something.
        Assert.InRange(started, Configurations / 3, Configurations);
        Assert.InRange(results, Math.Max(2, started / 8), int.MaxValue);
        Assert.InRange(answered, kit is null ? 0 : started * SendsPerConfiguration / 4, int.MaxValue);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task Random_answers_with_right_and_wrong_framing_end_in_a_result_or_a_connector_exception_that_leaks_nothing(string vendor)
    {
        var seed = SeedOf(vendor) + 1;
        var inputs = new FuzzInputs(seed);
        var kit = VendorKit.Get(vendor);
        var reaction = FaultReaction.Silent(readBody: true, FaultEnd.Close);
        await using var server = new FaultServer(_ => Volatile.Read(ref reaction));
        var logs = new CapturingLoggerProvider();
        await using var services = kit.Build(server.BaseAddress, Quick, logs: logs);
        var connector = services.GetRequiredKeyedService<ISmsConnector>(VendorKit.ConnectorName);
        var logged = 0;
        for (var index = 0; index < FramingCases; index++)
        {
            var answer = inputs.Answer(kit);
            var framing = inputs.Pick((string[])["Content-Length right", "Content-Length too long", "Content-Length missing", "chunked"]);
            Volatile.Write(ref reaction, Frame(answer, framing));
            var message = VendorKit.Message();
            var replay = $"seed {seed}, case {index} ({vendor}): {answer}, {framing}";
            var before = server.Requests;

            var error = await SendAsync(connector, message);

            Assert.True(error is null or SmsConnectorException, $"{replay}: {error}");
            Assert.InRange(server.Requests - before, 1, 3);
            var lines = logs.Lines.Skip(logged).ToList();
            logged += lines.Count;
            AssertNothingLeaks(kit, message, [.. Texts(error), .. lines], replay);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Null_arguments_cancellation_and_disposal_fail_with_their_own_exceptions_and_send_nothing(string target)
    {
        var kit = target == Outbox ? null : VendorKit.Get(target);
        var mock = new MockHttpMessageHandler();
        var answers = 0;
        mock.Fallback.Respond(_ =>
        {
            Interlocked.Increment(ref answers);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(kit?.SuccessBody ?? string.Empty) };
        });
        var services = Build(kit, "Code {{code}}", allowUnresolved: false, mock, new CapturingLoggerProvider());
        var connector = services.GetRequiredKeyedService<ISmsConnector>(VendorKit.ConnectorName);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<ArgumentNullException>(() => connector.SendAsync(null!).WaitAsync(Bound));
        await Assert.ThrowsAsync<ArgumentException>(() => connector.SendAsync(VendorKit.Message() with { Payload = null! }).WaitAsync(Bound));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connector.SendAsync(VendorKit.Message(), cancelled.Token).WaitAsync(Bound));
        await services.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => connector.SendAsync(VendorKit.Message()).WaitAsync(Bound));

        Assert.Equal(0, answers);
    }

    private static async Task<Exception?> SendAsync(ISmsConnector connector, SmsMessage message)
    {
        try
        {
            await connector.SendAsync(message).WaitAsync(Bound);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>Everything an exception carries as text: its <see cref="Exception.ToString"/> and, for a connector failure, what the vendor said.</summary>
    private static IEnumerable<string?> Texts(Exception? error) => error switch
    {
        SmsConnectorException failure => [failure.ToString(), failure.ProviderMessage, failure.ProviderCode, failure.RequestId, .. failure.Attempts.SelectMany(Texts)],
        _ => [error?.ToString()],
    };

    private static void AssertNothingLeaks(VendorKit? kit, SmsMessage message, IEnumerable<string?> texts, string replay)
    {
        var forbidden = new List<(string What, string Value)> { ("the full number", NumberDigits) };
        if (message.Payload.TryGetValue("code", out var code) && Equals(code, VendorKit.Passcode))
        {
            forbidden.Add(("the passcode", VendorKit.Passcode));
        }

        forbidden.AddRange((kit?.Secrets ?? []).Select(secret => ("a secret", secret)));
        foreach (var text in texts.OfType<string>())
        {
            foreach (var (what, value) in forbidden)
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{replay}: {what} appears in: {text}");
            }
        }
    }

    private static ServiceProvider Build(VendorKit? kit, string template, bool allowUnresolved, MockHttpMessageHandler mock, CapturingLoggerProvider logs) =>
        kit is not null
            ? kit.Build(new Uri("https://vendor.test/"), options =>
            {
                options.AllowUnresolvedPlaceholders = allowUnresolved;
                options.AllowTemplatesWithoutCode = true;
                Quick(options);
            }, template, mock, logs)
            : TestHost.Build(services =>
            {
                logs.AddTo(services);
                services.AddSmsConnectors().AddOutbox(VendorKit.ConnectorName, options =>
                {
                    options.Templates = [new() { UsageType = "Generic", Content = template }];
                    options.AllowUnresolvedPlaceholders = allowUnresolved;
                    options.AllowTemplatesWithoutCode = true;
                });
            });

    /// <summary>Retries on with tiny delays and short timeouts.</summary>
    private static void Quick(SmsVendorOptions options)
    {
        options.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Resilience.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Resilience.Retry.UseJitter = false;
        options.Resilience.ConnectTimeout = TimeSpan.FromSeconds(1);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(4);
    }

    private static HttpResponseMessage Respond(FuzzAnswer answer)
    {
        var content = new ByteArrayContent(answer.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(answer.Kind == "html" ? "text/html" : "application/json");
        return new HttpResponseMessage((HttpStatusCode)answer.Status) { Content = content };
    }

    private static FaultReaction Frame(FuzzAnswer answer, string framing)
    {
        var contentType = answer.Kind == "html" ? "text/html" : "application/json";
        return framing switch
        {
            "Content-Length right" => new FaultReaction(ReadBody: true, [.. FaultAnswers.Head(answer.Status, contentType, $"Content-Length: {answer.Body.Length}"), .. answer.Body], FaultEnd.KeepOpen),
            "Content-Length too long" => new FaultReaction(ReadBody: true, [.. FaultAnswers.Head(answer.Status, contentType, $"Content-Length: {answer.Body.Length + 10}"), .. answer.Body], FaultEnd.Close),
            "Content-Length missing" => new FaultReaction(ReadBody: true, [.. FaultAnswers.Head(answer.Status, contentType, "Connection: close"), .. answer.Body], FaultEnd.Close),
            _ => new FaultReaction(ReadBody: true, [.. FaultAnswers.Head(answer.Status, contentType, "Transfer-Encoding: chunked"), .. Chunked(answer.Body)], FaultEnd.KeepOpen),
        };
    }

    private static byte[] Chunked(byte[] body)
    {
        var chunks = new List<byte>();
        foreach (var chunk in body.Chunk(1000))
        {
            chunks.AddRange(Encoding.ASCII.GetBytes(chunk.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n"));
            chunks.AddRange(chunk);
            chunks.AddRange("\r\n"u8);
        }

        return [.. chunks, .. "0\r\n\r\n"u8];
    }

    /// <summary>A seed of its own for each target, fixed across runs.</summary>
    private static int SeedOf(string target) => Seed + (31 * target.Aggregate(0, (hash, c) => (hash * 31) + c) % 100_000);
}
