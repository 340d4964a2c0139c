using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Outbox;

public class SmsOutboxTests
{
    private const string Number = "+4915112345678";

    /// <summary>Long enough never to fire on a healthy run; only stops a broken test from hanging.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private static ServiceProvider Build(int capacity = 100) =>
        TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev", o => o.Capacity = capacity));

    private static Task<SmsSendResult> Send(IServiceProvider provider, string code, string connector = "dev", string to = Number) =>
        provider.GetRequiredKeyedService<ISmsConnector>(connector).SendAsync(SmsMessage.ForCode(to, SmsUsageType.SignIn, code));

    [Fact]
    public async Task Keeps_messages_oldest_first()
    {
        using var provider = Build();

        await Send(provider, "1");
        await Send(provider, "2");
        await Send(provider, "3");

        Assert.Equal(["1", "2", "3"], provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Code));
    }

    [Fact]
    public async Task Messages_is_a_snapshot()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        await Send(provider, "1");

        var before = outbox.Messages;
        await Send(provider, "2");

        Assert.Single(before);
        Assert.Equal(2, outbox.Messages.Count);
    }

    [Fact]
    public async Task Capacity_drops_the_oldest()
    {
        using var provider = Build(capacity: 3);

        foreach (var code in new[] { "1", "2", "3", "4", "5" })
        {
            await Send(provider, code);
        }

        Assert.Equal(["3", "4", "5"], provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Code));
    }

    [Fact]
    public async Task Capacity_one_keeps_only_the_last()
    {
        using var provider = Build(capacity: 1);

        await Send(provider, "1");
        await Send(provider, "2");

        Assert.Equal("2", Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).Code);
    }

    [Fact]
    public async Task Capacity_is_per_connector()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors()
            .AddOutbox("a", o => o.Capacity = 3)
            .AddOutbox("b", o => o.Capacity = 2)
            .SetDefaultConnector("a"));

        await Send(provider, "a1", "a");
        await Send(provider, "b1", "b");
        await Send(provider, "a2", "a");
        await Send(provider, "b2", "b");
        await Send(provider, "a3", "a");
        await Send(provider, "b3", "b");
        await Send(provider, "a4", "a");
        await Send(provider, "a5", "a");

        var messages = provider.GetRequiredService<ISmsOutbox>().Messages;
        Assert.Equal(["b2", "a3", "b3", "a4", "a5"], messages.Select(m => m.Code));
        Assert.Equal(["b", "a", "b", "a", "a"], messages.Select(m => m.ConnectorName));
    }

    [Fact]
    public async Task Concurrent_sends_are_all_kept()
    {
        using var provider = Build(capacity: 1000);
        var connector = provider.GetRequiredService<ISmsConnector>();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, 500),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)), ct));

        var messages = provider.GetRequiredService<ISmsOutbox>().Messages;
        Assert.Equal(500, messages.Count);
        Assert.Equal(500, messages.Select(m => m.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)), messages.Select(m => m.Code!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Concurrent_sends_respect_capacity()
    {
        using var provider = Build(capacity: 50);
        var connector = provider.GetRequiredService<ISmsConnector>();

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, i.ToString(System.Globalization.CultureInfo.InvariantCulture))))));

        Assert.Equal(50, provider.GetRequiredService<ISmsOutbox>().Messages.Count);
        await Send(provider, "last");
        Assert.Equal(50, provider.GetRequiredService<ISmsOutbox>().Messages.Count);
        Assert.Equal("last", provider.GetRequiredService<ISmsOutbox>().Messages[^1].Code);
    }

    private static OutboxMessage Stored(string connector, int i) => new()
    {
        Id = $"{connector}-{i}",
        ConnectorName = connector,
        To = Number,
        Type = SmsUsageType.SignIn,
        Text = "x",
        Payload = new Dictionary<string, object?>(),
        Timestamp = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData(100_000, 10_000)]
    [InlineData(300, 10_000)]
    public void Store_stays_exact_under_heavy_contention(int capacity, int perThread)
    {
        var outbox = new SmsOutbox();
        string[] connectors = ["a", "b", "c", "d"];
        using var start = new Barrier(connectors.Length + 1);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();

        var writers = connectors.Select(name => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < perThread; i++)
                {
                    outbox.Add(Stored(name, i), capacity);
                }
            }
            catch (Exception exception)
            {
                errors.Enqueue(exception);
            }
        })).ToArray();
        foreach (var writer in writers)
        {
            writer.Start();
        }

        start.SignalAndWait();
        while (writers.Any(w => w.IsAlive))
        {
            // Snapshots taken while writers run must always be consistent lists.
            Assert.All(outbox.Messages, Assert.NotNull);
        }

        foreach (var writer in writers)
        {
            writer.Join();
        }

        Assert.Empty(errors);
        var kept = outbox.Messages;
        var expectedPerConnector = Math.Min(capacity, perThread);
        Assert.Equal(connectors.Length * expectedPerConnector, kept.Count);
        foreach (var name in connectors)
        {
            // Each connector keeps exactly its newest messages, in the order it sent them.
            Assert.Equal(
                Enumerable.Range(perThread - expectedPerConnector, expectedPerConnector).Select(i => $"{name}-{i}"),
                kept.Where(m => m.ConnectorName == name).Select(m => m.Id));
        }
    }

    [Fact]
    public async Task Clear_removes_every_message_and_resets_capacity_counts()
    {
        using var provider = Build(capacity: 2);
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        await Send(provider, "1");
        await Send(provider, "2");

        outbox.Clear();

        Assert.Empty(outbox.Messages);
        await Send(provider, "3");
        Assert.Equal(["3"], outbox.Messages.Select(m => m.Code));
        await Send(provider, "4");
        await Send(provider, "5");
        Assert.Equal(["4", "5"], outbox.Messages.Select(m => m.Code));
    }

    // Waiting.

    [Fact]
    public async Task Wait_for_next_completes_on_the_next_message_only()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        await Send(provider, "old");

        var next = outbox.WaitForNextAsync();

        Assert.False(next.IsCompleted);
        await Send(provider, "new");
        var message = await next.WaitAsync(Guard);
        Assert.Equal("new", message.Code);
        Assert.Equal("Your verification code is new.", message.Text);
    }

    [Fact]
    public async Task Several_waiters_all_get_the_next_message()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();

        var first = outbox.WaitForNextAsync();
        var second = outbox.WaitForNextAsync();
        await Send(provider, "1");

        Assert.Equal("1", (await first.WaitAsync(Guard)).Code);
        Assert.Equal("1", (await second.WaitAsync(Guard)).Code);
    }

    [Fact]
    public async Task Wait_for_next_is_cancellable()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        using var cancellation = new CancellationTokenSource();

        var next = outbox.WaitForNextAsync(cancellation.Token);
        Assert.False(next.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Guard));

        // A cancelled waiter does not get in the way of later messages or waiters.
        var later = outbox.WaitForNextAsync();
        await Send(provider, "1");
        Assert.Equal("1", (await later.WaitAsync(Guard)).Code);
    }

    [Fact]
    public async Task Wait_with_an_already_cancelled_token_throws()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outbox.WaitForNextAsync(new CancellationToken(canceled: true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outbox.WaitForMessageAsync(_ => true, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Wait_for_next_times_out_with_a_cancellation_token_source()
    {
        using var provider = Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.GetRequiredService<ISmsOutbox>().WaitForNextAsync(timeout.Token).WaitAsync(Guard));
    }

    [Fact]
    public async Task Wait_for_message_returns_the_newest_existing_match()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        await Send(provider, "1", to: "+4915100000001");
        await Send(provider, "2", to: "+4915100000002");
        await Send(provider, "3", to: "+4915100000001");

        var found = outbox.WaitForMessageAsync(m => m.To == "+4915100000001");

        Assert.True(found.IsCompletedSuccessfully);
        Assert.Equal("3", (await found).Code);
    }

    [Fact]
    public async Task Wait_for_message_waits_for_a_match()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        await Send(provider, "1", to: "+4915100000001");

        var found = outbox.WaitForMessageAsync(m => m.To == "+4915100000002");

        Assert.False(found.IsCompleted);
        await Send(provider, "2", to: "+4915100000001");
        Assert.False(found.IsCompleted);
        await Send(provider, "3", to: "+4915100000002");
        Assert.Equal("3", (await found.WaitAsync(Guard)).Code);
    }

    [Fact]
    public async Task Wait_for_message_is_cancellable()
    {
        using var provider = Build();
        using var cancellation = new CancellationTokenSource();

        var found = provider.GetRequiredService<ISmsOutbox>().WaitForMessageAsync(m => m.Code == "never", cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => found.WaitAsync(Guard));
    }

    [Fact]
    public async Task Wait_for_message_requires_a_predicate()
    {
        using var provider = Build();

        await Assert.ThrowsAsync<ArgumentNullException>(() => provider.GetRequiredService<ISmsOutbox>().WaitForMessageAsync(null!));
    }

    [Fact]
    public async Task Cleared_messages_are_not_found_by_wait_for_message()
    {
        using var provider = Build();
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        await Send(provider, "1");
        outbox.Clear();

        var found = outbox.WaitForMessageAsync(m => m.Code == "1");

        Assert.False(found.IsCompleted);
        await Send(provider, "1");
        Assert.Equal("1", (await found.WaitAsync(Guard)).Code);
    }

    [Fact]
    public async Task Waiting_while_sending_concurrently_sees_the_message()
    {
        using var provider = Build(capacity: 1000);
        var outbox = provider.GetRequiredService<ISmsOutbox>();

        var found = outbox.WaitForMessageAsync(m => m.Code == "000250");
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), async (i, ct) =>
            await Send(provider, i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("000250", (await found.WaitAsync(Guard)).Code);
    }
}
