using Microsoft.Extensions.Logging;

namespace SmsConnectors.Tests.Guard;

public class GuardFailureModeTests
{
    private const string Number = "+4915112345678";

    private static GuardHost HostWith(string failureMode, RecordingGuardStore store) => GuardHost.Create(
        $$"""{ "Store": "Recording", "FailureMode": "{{failureMode}}", "IdempotencyWindow": "00:10:00", "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""",
        b => b.AddGuardStore("Recording", _ => store));

    [Fact]
    public async Task Closed_refuses_sends_while_the_store_is_unreachable_and_logs_an_error()
    {
        var store = new RecordingGuardStore(TimeProvider.System);
        await using var host = HostWith("Closed", store);
        await host.SendAsync(Number);
        store.Unreachable = true;

        foreach (var key in new[] { null, "click" })
        {
            var refused = await host.RefusedAsync("+4917012345678", key: key);
            Assert.Equal(SmsErrorCode.ServiceUnavailable, refused.Code);
            Assert.Equal(SmsGuardReason.StoreUnavailable, refused.GuardReason);
            Assert.False(refused.MayHaveBeenSent);
            Assert.True(refused.IsTransient);
            Assert.Contains("The guard's store 'Recording' is unavailable (IOException), so the send was refused ('Guard:FailureMode' is Closed)", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, host.Requests);
        var error = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("count the send", StringComparison.Ordinal));
        Assert.Contains("The SMS guard's store 'Recording' failed to count the send; the send is refused ('Guard:FailureMode' is Closed).", error.Message, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("failed to claim an idempotency key", StringComparison.Ordinal));

        store.Unreachable = false;
        await host.SendAsync("+4917012345678");
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task Open_sends_without_the_guard_while_the_store_is_unreachable_and_logs_an_error()
    {
        var store = new RecordingGuardStore(TimeProvider.System);
        await using var host = HostWith("Open", store);
        await host.SendAsync(Number);
        store.Unreachable = true;

        await host.SendAsync(Number);
        await host.SendAsync(Number, key: "click");

        Assert.Equal(3, host.Requests);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Error
            && e.Message.Contains("The SMS guard's store 'Recording' failed to count the send; sending without the guard's limits and idempotency ('Guard:FailureMode' is Open).", StringComparison.Ordinal));
        Assert.DoesNotContain("15112345678", host.Logs.AllText.Replace("hunter2", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        store.Unreachable = false;
        Assert.Equal(SmsGuardReason.PerNumber, (await host.RefusedAsync(Number)).GuardReason);
    }

    [Fact]
    public async Task The_destination_policy_needs_no_store_and_holds_while_it_is_unreachable()
    {
        var store = new RecordingGuardStore(TimeProvider.System) { Unreachable = true };
        await using var host = HostWith("Open", store);

        Assert.Equal(SmsGuardReason.NumberTypeNotAllowed, (await host.RefusedAsync("+449012345678")).GuardReason);
        Assert.Equal(0, host.Requests);
    }
}
