using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

/// <summary>Where the guard sits: once per send the app calls, counting only what the vendor may have accepted.</summary>
public class GuardPlacementTests
{
    private const string Number = "+4915112345678";
    private const string OneAnHour = """{ "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""";

    [Fact]
    public async Task A_vendor_rejection_gives_the_count_back()
    {
        await using var host = GuardHost.Create(OneAnHour);
        host.Respond = n => Task.FromResult(n == 1
            ? GuardHost.Answer(HttpStatusCode.BadRequest, """{"error":"bad sender"}""")
            : GuardHost.Answer(HttpStatusCode.OK, """{"id":"m"}"""));

        Assert.False((await host.RefusedAsync(Number)).MayHaveBeenSent);
        await host.SendAsync(Number);

        Assert.Equal(SmsGuardReason.PerNumber, (await host.RefusedAsync(Number)).GuardReason);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task A_send_that_may_have_been_sent_keeps_its_count()
    {
        await using var host = GuardHost.Create(OneAnHour);
        host.Respond = _ => Task.FromResult(GuardHost.Answer(HttpStatusCode.InternalServerError, "oops"));

        Assert.True((await host.RefusedAsync(Number)).MayHaveBeenSent);

        Assert.Equal(SmsGuardReason.PerNumber, (await host.RefusedAsync(Number)).GuardReason);
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task A_message_that_cannot_be_prepared_touches_no_counter()
    {
        var store = new RecordingGuardStore(TimeProvider.System);
        await using var host = GuardHost.Create(
            """{ "Store": "Recording", "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""",
            b => b.AddGuardStore("Recording", _ => store));

        await Assert.ThrowsAsync<SmsConnectorException>(() => host.Hook.SendAsync(SmsMessage.ForCode("12", SmsUsageType.SignIn, "1")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => host.Hook.SendAsync(null!));

        Assert.Equal(0, store.Calls);
        await host.SendAsync(Number);
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task A_router_applies_the_guard_once_and_its_connectors_share_the_counts()
    {
        await using var host = GuardHost.Create(OneAnHour, b => b.AddRouter("router", o => o.Fallback = "hook"), defaultConnector: "router");

        var sent = await host.Connector("router").SendAsync(GuardHost.Code(Number));

        Assert.Equal("hook", sent.ConnectorName);
        var viaRouter = await Assert.ThrowsAsync<SmsConnectorException>(() => host.Connector("router").SendAsync(GuardHost.Code(Number)));
        Assert.Equal(("router", SmsGuardReason.PerNumber), (viaRouter.ConnectorName, viaRouter.GuardReason));
        var direct = await host.RefusedAsync(Number);
        Assert.Equal(("hook", SmsGuardReason.PerNumber), (direct.ConnectorName, direct.GuardReason));
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task A_failover_applies_the_guard_once_across_its_attempts()
    {
        await using var host = GuardHost.Create(
            OneAnHour,
            b => b.AddHttp("hook2", o => o.Endpoint = GuardHost.Endpoint).AddFailover("failover", o => o.Connectors = ["hook", "hook2"]),
            defaultConnector: "failover");
        host.Respond = n => Task.FromResult(n == 1
            ? GuardHost.Answer(HttpStatusCode.Unauthorized, """{"error":"bad key"}""")
            : GuardHost.Answer(HttpStatusCode.OK, """{"id":"m-2"}"""));

        var sent = await host.Connector("failover").SendAsync(GuardHost.Code(Number));

        Assert.Equal(("hook2", "m-2"), (sent.ConnectorName, sent.MessageId));
        Assert.Equal(2, host.Requests);
        Assert.Equal(SmsGuardReason.PerNumber, (await Assert.ThrowsAsync<SmsConnectorException>(() => host.Connector("failover").SendAsync(GuardHost.Code(Number)))).GuardReason);
    }

    [Fact]
    public async Task Idempotency_through_a_composite_replays_at_the_composite()
    {
        await using var host = GuardHost.Create("""{ "IdempotencyWindow": "00:10:00" }""", b => b.AddRouter("router", o => o.Fallback = "hook"), defaultConnector: "router");

        var first = await host.Provider.GetRequiredService<ISmsConnector>().SendAsync(GuardHost.Code(Number, key: "k"));
        var second = await host.Provider.GetRequiredService<ISmsConnector>().SendAsync(GuardHost.Code(Number, key: "k"));

        Assert.Equal((false, true), (first.IsReplay, second.IsReplay));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task Without_a_guard_section_the_guard_is_off_and_no_store_is_used()
    {
        var store = new RecordingGuardStore(TimeProvider.System);
        var services = new ServiceCollection();
        await using var provider = Infrastructure.TestHost.Build(s => s.AddSmsConnectors(Infrastructure.TestHost.Json("""{ "Connectors": { "dev": { "Provider": "Outbox" } } }"""))
            .AddGuardStore("Recording", _ => store));
        var connector = provider.GetRequiredService<ISmsConnector>();

        for (var i = 0; i < 20; i++)
        {
            await connector.SendAsync(GuardHost.Code("+449012345678", key: "same"));
        }

        Assert.Equal(0, store.Calls);
        Assert.Equal(20, provider.GetRequiredService<SmsConnectors.Outbox.ISmsOutbox>().Messages.Count);
    }

    [Fact]
    public async Task Guard_enabled_false_turns_a_configured_guard_off()
    {
        await using var host = GuardHost.Create("""{ "Enabled": false, "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""");
        await host.SendAsync(Number);
        await host.SendAsync(Number);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task Store_keys_and_values_hold_no_number_code_ip_or_idempotency_key_in_clear_text()
    {
        var store = new RecordingGuardStore(TimeProvider.System);
        await using var host = GuardHost.Create(
            """
            { "Store": "Recording", "IdempotencyWindow": "00:10:00", "Cooldown": "00:00:01",
              "PerNumber": { "Limit": 9, "Window": "01:00:00" }, "PerIp": { "Limit": 9, "Window": "01:00:00" },
              "PerCountry": { "Limit": 9, "Window": "01:00:00" }, "DailyBudget": 9 }
            """,
            b => b.AddGuardStore("Recording", _ => store));

        await host.SendAsync(Number, ip: "203.0.113.77", key: "user-42-click-7");
        await host.SendAsync(Number, ip: "203.0.113.77", key: "user-42-click-7");

        var everything = string.Join("\n", store.Seen);
        Assert.Contains("c:DE", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { "15112345678", "5112345678", "482913", "203.0.113.77", "user-42-click-7" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_hash_secret_changes_every_key()
    {
        async Task<string[]> KeysWith(string? secret)
        {
            var store = new RecordingGuardStore(TimeProvider.System);
            var json = secret is null
                ? """{ "Store": "Recording", "PerNumber": { "Limit": 9, "Window": "01:00:00" } }"""
                : $$"""{ "Store": "Recording", "HashSecret": "{{secret}}", "PerNumber": { "Limit": 9, "Window": "01:00:00" } }""";
            await using var host = GuardHost.Create(json, b => b.AddGuardStore("Recording", _ => store));
            await host.SendAsync(Number);
            return [.. store.Seen.Where(k => k.StartsWith("n:", StringComparison.Ordinal))];
        }

        var plain = Assert.Single(await KeysWith(null));
        var keyed = Assert.Single(await KeysWith("s3cret-shared-by-every-instance"));
        var again = Assert.Single(await KeysWith("s3cret-shared-by-every-instance"));

        // The first 16 bytes of SHA-256("+4915112345678") in base64url, computed with Python's hashlib.
        Assert.Equal("n:U2r9Uj4Z3IP8y6gi715Mpg", plain);
        Assert.NotEqual(plain, keyed);
        Assert.Equal(keyed, again);
    }
}
