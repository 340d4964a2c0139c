using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

/// <summary>
/// One counter's log in the memory store: a ring of send times and id hashes. Each test compares
/// it with a plain list of (time, id) that sorts, filters and counts in the most direct way, over
/// sequences that wrap the ring, grow it, arrive out of order and remove sends again.
/// </summary>
public sealed class SendLogTests
{
    private static readonly TimeSpan Window = TimeSpan.FromTicks(1_000);

    [Fact]
    public void A_counter_with_room_has_no_wait_and_a_full_one_waits_for_its_oldest_counted_send()
    {
        var log = new SendLog();
        var counter = new SmsGuardCounter("n:x", 2, Window);

        Assert.Null(log.RetryAfter(counter, now: 100));
        log.Add(100, "a", Window);
        log.Add(300, "b", Window);

        Assert.Equal(TimeSpan.FromTicks(100 + 1_000 - 400), log.RetryAfter(counter, now: 400));
        Assert.Null(log.RetryAfter(counter, now: 1_100));
        Assert.Equal(1, log.Count);
        Assert.Equal(1_300, log.ExpiresAt);
    }

    [Fact]
    public void A_send_that_arrives_with_an_earlier_time_is_kept_in_order()
    {
        var log = new SendLog();
        var counter = new SmsGuardCounter("n:x", 2, Window);
        log.Add(500, "late", Window);
        log.Add(200, "early", Window);
        log.Add(800, "last", Window);

        // Of the three, the two newest (500 and 800) hold the limit: room again when 500 leaves.
        Assert.Equal(TimeSpan.FromTicks(500 + 1_000 - 900), log.RetryAfter(counter, now: 900));
        Assert.True(log.Remove("late"));
        Assert.Equal(TimeSpan.FromTicks(200 + 1_000 - 900), log.RetryAfter(counter, now: 900));
    }

    [Fact]
    public void Removing_a_send_it_does_not_hold_changes_nothing()
    {
        var log = new SendLog();
        log.Add(100, "a", Window);

        Assert.False(log.Remove("b"));
        Assert.Equal(1, log.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    public void Random_sends_and_removals_give_the_same_waits_as_a_plain_list(int limit)
    {
        var random = new Random(limit);
        var log = new SendLog();
        var model = new List<(long At, string Id)>();
        var counter = new SmsGuardCounter("n:x", limit, Window);
        long now = 10_000;
        for (var step = 0; step < 20_000; step++)
        {
            now += random.Next(0, 60);
            switch (random.Next(10))
            {
                case < 6:
                    // A send read its time a little before it was counted.
                    var at = now - random.Next(0, 40);
                    var id = $"s{step}";
                    log.Add(at, id, Window);
                    model.Add((at, id));
                    break;
                case < 8 when model.Count > 0:
                    var removed = model[random.Next(model.Count)].Id;
                    Assert.True(log.Remove(removed));
                    model.RemoveAll(send => send.Id == removed);
                    break;
                default:
                    Assert.Equal(Expected(model, counter, now), log.RetryAfter(counter, now));
                    model.RemoveAll(send => send.At <= now - Window.Ticks);
                    Assert.Equal(model.Count, log.Count);
                    break;
            }
        }
    }

    private static TimeSpan? Expected(List<(long At, string Id)> sends, SmsGuardCounter counter, long now)
    {
        var live = sends.Where(send => send.At > now - counter.Window.Ticks).Select(send => send.At).Order().ToList();
        return live.Count < counter.Limit ? null : TimeSpan.FromTicks(live[live.Count - counter.Limit] + counter.Window.Ticks - now);
    }
}
