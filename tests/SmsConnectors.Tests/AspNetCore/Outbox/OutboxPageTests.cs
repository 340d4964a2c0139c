using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.AspNetCore.Outbox;

/// <summary>
/// <c>MapSmsOutbox</c> over HTTP, on a real Kestrel server: where it may be mapped, the page's
/// document and headers, the JSON, the stream and the clear. The page in a browser is
/// <see cref="OutboxPageBrowserTests"/>.
/// </summary>
public sealed partial class OutboxPageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_mapping_is_refused_with_the_environment_and_the_opt_in(string environment)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => OutboxPageHost.Build(environment, map: app => app.MapSmsOutbox("/dev/sms")));

        Assert.Contains($"MapSmsOutbox(\"/dev/sms\") refuses to map the Outbox page in the '{environment}' environment", refused.Message, StringComparison.Ordinal);
        Assert.Contains("only in Development", refused.Message, StringComparison.Ordinal);
        Assert.Contains("options => options.AllowOutsideDevelopment = true", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_opt_in_it_is_mapped_outside_Development_and_says_so_in_the_log()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await OutboxPageHost.StartAsync("Staging", logs: logs, map: app => app.MapSmsOutbox("/dev/sms", options => options.AllowOutsideDevelopment = true));

        var page = await host.Client.GetAsync("/dev/sms");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var line = Assert.Single(logs.Entries, e => e.Category == "SmsConnectors.AspNetCore");
        Assert.Equal((LogLevel.Warning, 110), (line.Level, line.EventId.Id));
        Assert.Equal(
            "The SMS Outbox page, which shows every kept message with its number and code, is mapped at /dev/sms in the 'Staging' environment (AllowOutsideDevelopment).",
            line.Message);
    }

    [Fact]
    public void Without_an_Outbox_connector_mapping_fails_with_how_to_add_one()
    {
        var failed = Assert.Throws<InvalidOperationException>(() => OutboxPageHost.Build(sms: services => services.AddSmsConnectors()));

        Assert.StartsWith("No Outbox connector is registered", failed.Message, StringComparison.Ordinal);
        Assert.Contains("AddOutbox(\"dev\")", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_AddSmsConnectors_mapping_says_to_call_it()
    {
        var failed = Assert.Throws<InvalidOperationException>(() => OutboxPageHost.Build(sms: _ => { }));

        Assert.Contains("SmsConnectors is not registered", failed.Message, StringComparison.Ordinal);
        Assert.Contains("AddSmsConnectors(", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_one_document_that_loads_nothing_from_elsewhere()
    {
        await using var host = await OutboxPageHost.StartAsync();

        var response = await host.Client.GetAsync("/dev/sms");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["data:,"], AttributeUrl().Matches(html).Select(m => m.Groups["url"].Value)); // the icon, so that no /favicon.ico is asked for
        Assert.DoesNotMatch(@"<script[^>]*\ssrc\s*=", html);
        Assert.DoesNotMatch(@"<link[^>]*rel\s*=\s*""?stylesheet", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.Single(ScriptElement().Matches(html));
        Assert.Single(StyleElement().Matches(html));
    }

    [Fact]
    public async Task The_page_has_a_policy_that_allows_only_its_own_script_and_style_and_is_not_stored()
    {
        await using var host = await OutboxPageHost.StartAsync();

        var response = await host.Client.GetAsync("/dev/sms");
        var html = await response.Content.ReadAsStringAsync();
        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));

        var script = ScriptElement().Match(html).Groups["body"].Value;
        var style = StyleElement().Match(html).Groups["body"].Value;
        Assert.Equal(
            $"default-src 'none'; script-src '{Sha256(script)}'; style-src '{Sha256(style)}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            policy);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_script_writes_text_and_never_markup()
    {
        await using var host = await OutboxPageHost.StartAsync();

        var script = ScriptElement().Match(await host.Client.GetStringAsync("/dev/sms")).Groups["body"].Value;

        Assert.Contains(".textContent = ", script, StringComparison.Ordinal);
        foreach (var sink in (string[])["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"])
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Messages_are_listed_newest_first_with_every_field()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await OutboxPageHost.StartAsync(time: time);
        await host.SendAsync("+4915112345678", "111111", "SignIn");
        time.Advance(TimeSpan.FromSeconds(1));
        await host.SendAsync("+4915187654321", "222222", "Register");
        time.Advance(TimeSpan.FromSeconds(1));
        await host.Sms.SendAsync(new SmsMessage { To = "+4915100000000", Type = SmsUsageType.Generic, Payload = new Dictionary<string, object?> { ["code"] = null } });

        var response = await host.Client.GetAsync("/dev/sms/messages");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var kept = host.Outbox.Messages;
        Assert.Equal([kept[2].Id, kept[1].Id, kept[0].Id], json.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var first = json.RootElement[2];
        Assert.Equal(
            ["id", "timestamp", "connector", "type", "to", "text", "code"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-22T12:00:00+00:00", first.GetProperty("timestamp").GetString());
        Assert.Equal("dev", first.GetProperty("connector").GetString());
        Assert.Equal("SignIn", first.GetProperty("type").GetString());
        Assert.Equal("+4915112345678", first.GetProperty("to").GetString());
        Assert.Equal("Your verification code is 111111.", first.GetProperty("text").GetString());
        Assert.Equal("111111", first.GetProperty("code").GetString());
        Assert.Equal("Register", json.RootElement[1].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task Clearing_needs_the_pages_header_and_origin_and_a_get_never_clears()
    {
        await using var host = await OutboxPageHost.StartAsync();
        await host.SendAsync("+4915112345678", "111111");
        var origin = host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var bare = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/dev/sms/messages"));
        var foreign = await host.Client.SendAsync(Clear(("X-Requested-With", "SmsOutboxPage"), ("Origin", "http://attacker.example")));
        var posted = await host.Client.PostAsync("/dev/sms/messages", null);
        await host.Client.GetAsync("/dev/sms/messages");
        await host.Client.GetAsync("/dev/sms");

        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Equal("The Outbox is cleared only by a request with an X-Requested-With header, as the Outbox page sends it.", await bare.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("The Outbox is cleared only from the Outbox page's own origin, not from http://attacker.example.", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
        Assert.Single(host.Outbox.Messages);

        var sameOrigin = await host.Client.SendAsync(Clear(("X-Requested-With", "SmsOutboxPage"), ("Origin", origin)));
        Assert.Equal(HttpStatusCode.NoContent, sameOrigin.StatusCode);
        Assert.Empty(host.Outbox.Messages);

        await host.SendAsync("+4915112345678", "222222");
        var withoutOrigin = await host.Client.SendAsync(Clear(("X-Requested-With", "XMLHttpRequest")));
        Assert.Equal(HttpStatusCode.NoContent, withoutOrigin.StatusCode);
        Assert.Empty(host.Outbox.Messages);
    }

    [Fact]
    public async Task The_stream_starts_with_the_list_and_delivers_each_message_sent_after_connecting()
    {
        // A clock that never moves: only the messages themselves can wake the stream.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await OutboxPageHost.StartAsync(time: time);
        await host.SendAsync("+4915112345678", "111111");

        using var events = await EventReader.OpenAsync(host.Client);
        Assert.Equal("text/event-stream", events.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", events.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(["111111"], Codes(await events.NextAsync()));

        await host.SendAsync("+4915187654321", "222222");
        Assert.Equal(["222222", "111111"], Codes(await events.NextAsync()));

        // A burst from many senders at once: the stream ends up with every one of them, newest first.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => host.SendAsync($"+49151000000{i:00}", $"9{i:00000}"))));
        var expected = host.Outbox.Messages.Reverse().Select(m => m.Code).ToList();
        Assert.Equal(22, expected.Count);
        while (Codes(await events.NextAsync()) is var codes && !codes.SequenceEqual(expected))
        {
            Assert.True(codes.Count < 22, "an event lists other messages than the outbox: " + string.Join(", ", codes));
        }
    }

    [Fact]
    public async Task The_stream_brings_a_clear_made_elsewhere_at_its_next_look()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await OutboxPageHost.StartAsync(time: time);
        await host.SendAsync("+4915112345678", "111111");
        using var events = await EventReader.OpenAsync(host.Client);
        Assert.Equal(["111111"], Codes(await events.NextAsync()));

        host.Outbox.Clear();
        var next = events.NextAsync();
        await Task.Delay(200);
        Assert.False(next.IsCompleted, "the stream sent an event before it looked again");
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(Codes(await next));
    }

    [Fact]
    public async Task An_open_stream_ends_when_the_app_stops()
    {
        await using var host = await OutboxPageHost.StartAsync();
        using var events = await EventReader.OpenAsync(host.Client);
        await events.NextAsync();

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await host.App.StopAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopping.Elapsed}");
        Assert.Null(await events.NextOrEndAsync());
    }

    [Fact]
    public async Task Under_another_pattern_every_endpoint_moves_and_takes_the_groups_conventions()
    {
        var marker = new object();
        await using var host = await OutboxPageHost.StartAsync(map: app => app.MapSmsOutbox("/internal/outbox").WithMetadata(marker));

        var endpoints = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.Contains(marker))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(["DELETE /internal/outbox/messages", "GET /internal/outbox/", "GET /internal/outbox/events", "GET /internal/outbox/messages"], endpoints);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/internal/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/internal/outbox/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/dev/sms")).StatusCode);
    }

    private static HttpRequestMessage Clear(params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/dev/sms/messages");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static List<string?> Codes(JsonElement messages) => [.. messages.EnumerateArray().Select(m => m.GetProperty("code").GetString())];

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("<script>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"\b(?:src|href|action|srcset)\s*=\s*[""']?(?<url>[^""'\s>]*)", RegexOptions.IgnoreCase)]
    private static partial Regex AttributeUrl();

    [GeneratedRegex("<style>(?<body>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    /// <summary>Reads the <c>messages</c> events of the page's stream.</summary>
    private sealed class EventReader(HttpResponseMessage response, Stream stream) : IDisposable
    {
        private readonly StreamReader _reader = new(stream, Encoding.UTF8);

        public HttpResponseMessage Response { get; } = response;

        /// <summary>Opens <c>GET /dev/sms/events</c>.</summary>
        public static async Task<EventReader> OpenAsync(HttpClient client)
        {
            var response = await client.GetAsync("/dev/sms/events", HttpCompletionOption.ResponseHeadersRead);
            return new EventReader(response, await response.Content.ReadAsStreamAsync());
        }

        /// <summary>The next <c>messages</c> event's data, within <see cref="Patience"/>.</summary>
        public async Task<JsonElement> NextAsync() =>
            await NextOrEndAsync() ?? throw new InvalidOperationException("The stream ended.");

        /// <summary>The next <c>messages</c> event's data, or <see langword="null"/> when the stream ends.</summary>
        public async Task<JsonElement?> NextOrEndAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            string? type = null;
            var data = new StringBuilder();
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (type == "messages")
                    {
                        return JsonDocument.Parse(data.ToString()).RootElement.Clone();
                    }

                    (type, data) = (null, new StringBuilder());
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line["data: ".Length..]);
                }
            }

            return null;
        }

        public void Dispose()
        {
            _reader.Dispose();
            Response.Dispose();
        }
    }
}
