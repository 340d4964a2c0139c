using System.Net;

namespace SmsConnectors.Tests.Guard;

public class GuardIdempotencyTests
{
    private const string Number = "+4915112345678";
    private const string Window = """{ "IdempotencyWindow": "00:10:00" }""";

    [Fact]
    public async Task A_second_send_with_the_same_key_returns_the_first_result_without_a_request()
    {
        await using var host = GuardHost.Create(Window);

        var first = await host.SendAsync(Number, key: "click-1");
        var second = await host.SendAsync(Number, key: "click-1");

        Assert.False(first.IsReplay);
        Assert.True(second.IsReplay);
        Assert.Equal("m-1", first.MessageId);
        Assert.Equal(first with { IsReplay = true }, second);
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task Keys_are_forgotten_after_the_window_and_other_keys_send()
    {
        await using var host = GuardHost.Create(Window);
        await host.SendAsync(Number, key: "click-1");
        await host.SendAsync(Number, key: "click-2");

        host.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.True((await host.SendAsync(Number, key: "click-1")).IsReplay);
        host.Time.Advance(TimeSpan.FromTicks(1));
        var after = await host.SendAsync(Number, key: "click-1");

        Assert.False(after.IsReplay);
        Assert.Equal("m-3", after.MessageId);
        Assert.Equal(3, host.Requests);
    }

    [Fact]
    public async Task Without_a_window_keys_are_ignored_with_one_warning()
    {
        await using var host = GuardHost.Create("{ }");
        await host.SendAsync(Number, key: "click-1");
        Assert.False((await host.SendAsync(Number, key: "click-1")).IsReplay);
        Assert.Equal(2, host.Requests);
        var warning = Assert.Single(host.Logs.Entries, e => e.Message.Contains("IdempotencyKey", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("'SmsConnectors:Guard:IdempotencyWindow' is not configured (or the guard is off), so idempotency keys are ignored", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blank_key_is_refused_before_anything_is_counted()
    {
        await using var host = GuardHost.Create("""{ "IdempotencyWindow": "00:10:00", "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""");

        var refused = await host.RefusedAsync(Number, key: " ");

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, refused.Code);
        Assert.False(refused.MayHaveBeenSent);
        await host.SendAsync(Number);
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task A_first_send_known_not_to_have_been_sent_does_not_block_a_retry()
    {
        await using var host = GuardHost.Create(Window);
        host.Respond = n => Task.FromResult(n == 1
            ? GuardHost.Answer(HttpStatusCode.BadRequest, """{"error":"bad"}""")
            : GuardHost.Answer(HttpStatusCode.OK, $$"""{"id":"m-{{n}}"}"""));

        var failed = await host.RefusedAsync(Number, key: "click-1");
        Assert.False(failed.MayHaveBeenSent);
        var retried = await host.SendAsync(Number, key: "click-1");

        Assert.False(retried.IsReplay);
        Assert.Equal("m-2", retried.MessageId);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task A_first_send_that_may_have_been_sent_makes_the_replay_fail_the_same_way()
    {
        await using var host = GuardHost.Create(Window);
        host.Respond = _ => Task.FromResult(GuardHost.Answer(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));

        var first = await host.RefusedAsync(Number, key: "click-1");
        Assert.True(first.MayHaveBeenSent);
        var replay = await host.RefusedAsync(Number, key: "click-1");

        Assert.Equal(first.Code, replay.Code);
        Assert.True(replay.MayHaveBeenSent);
        Assert.Equal(first.HttpStatus, replay.HttpStatus);
        Assert.Contains("An earlier send with the same idempotency key failed and may have been sent", replay.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task A_send_whose_first_attempt_is_in_flight_waits_for_it_and_shares_its_result()
    {
        await using var host = GuardHost.Create(Window);
        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Respond = _ =>
        {
            reached.TrySetResult();
            return answer.Task;
        };

        var first = host.SendAsync(Number, key: "click-1");
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = host.SendAsync(Number, key: "click-1");
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        answer.SetResult(GuardHost.Answer(HttpStatusCode.OK, """{"id":"m-only"}"""));
        var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["m-only", "m-only"], results.Select(r => r.MessageId));
        Assert.Equal([false, true], results.Select(r => r.IsReplay));
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task Parallel_sends_with_one_key_make_one_request()
    {
        await using var host = GuardHost.Create(Window);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => host.SendAsync(Number, key: "click-1"))));

        Assert.Equal(1, host.Requests);
        Assert.Single(results, r => !r.IsReplay);
        Assert.All(results, r => Assert.Equal("m-1", r.MessageId));
    }

    [Fact]
    public async Task A_key_reused_for_another_number_is_refused()
    {
        await using var host = GuardHost.Create(Window);
        await host.SendAsync(Number, key: "click-1");

        var refused = await host.RefusedAsync("+4917012345678", key: "click-1");

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, refused.Code);
        Assert.False(refused.MayHaveBeenSent);
        Assert.Contains("idempotency key was used for a message to another number", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Requests);
    }

    [Fact]
    public async Task A_replay_uses_no_quota_and_is_not_stopped_by_the_cooldown()
    {
        await using var host = GuardHost.Create("""{ "IdempotencyWindow": "00:10:00", "Cooldown": "00:00:30", "PerNumber": { "Limit": 2, "Window": "01:00:00" } }""");
        await host.SendAsync(Number, key: "click-1");
        host.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True((await host.SendAsync(Number, key: "click-1")).IsReplay);
        Assert.True((await host.SendAsync(Number, key: "click-1")).IsReplay);
        Assert.Equal(SmsGuardReason.Cooldown, (await host.RefusedAsync(Number, key: "click-2")).GuardReason);
        host.Time.Advance(TimeSpan.FromSeconds(29));
        await host.SendAsync(Number, key: "click-3");
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task A_send_refused_by_a_limit_frees_its_key()
    {
        await using var host = GuardHost.Create("""{ "IdempotencyWindow": "00:10:00", "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""");
        await host.SendAsync(Number, key: "click-1");
        await host.RefusedAsync(Number, key: "click-2");

        host.Time.Advance(TimeSpan.FromHours(1));
        var later = await host.SendAsync(Number, key: "click-2");

        Assert.False(later.IsReplay);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task A_send_cancelled_before_its_request_frees_its_key()
    {
        var store = new RecordingGuardStore(TimeProvider.System);
        await using var host = GuardHost.Create(
            """{ "Store": "Recording", "IdempotencyWindow": "00:10:00", "PerNumber": { "Limit": 5, "Window": "01:00:00" } }""",
            b => b.AddGuardStore("Recording", _ => store));
        using var cancellation = new CancellationTokenSource();
        store.BeforeAcquire = () =>
        {
            cancellation.Cancel();
            cancellation.Token.ThrowIfCancellationRequested();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Hook.SendAsync(GuardHost.Code(Number, key: "click-1"), cancellation.Token));
        store.BeforeAcquire = null;
        var retried = await host.SendAsync(Number, key: "click-1").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(retried.IsReplay);
        Assert.Equal(1, host.Requests);
    }
}
