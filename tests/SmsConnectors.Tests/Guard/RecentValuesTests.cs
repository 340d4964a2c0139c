using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

/// <summary>The guard's memory of recent numbers and addresses: each value is worked out once while kept, and no more keys are kept than allowed.</summary>
public sealed class RecentValuesTests
{
    [Fact]
    public void A_key_seen_again_is_not_worked_out_again()
    {
        var values = new RecentValues<string>(capacity: 4);
        var made = 0;

        var first = values.GetOrAdd("+4915112345678", 0, _ => $"value {++made}");
        var again = values.GetOrAdd("+4915112345678", 0, _ => $"value {++made}");

        Assert.Equal("value 1", first);
        Assert.Equal("value 1", again);
        Assert.Equal(1, made);
    }

    [Fact]
    public void Past_its_capacity_it_starts_afresh()
    {
        var values = new RecentValues<int>(capacity: 3);
        var made = 0;
        foreach (var key in new[] { "a", "b", "c" })
        {
            values.GetOrAdd(key, 0, _ => ++made);
        }

        values.GetOrAdd("d", 0, _ => ++made);
        var a = values.GetOrAdd("a", 0, _ => ++made);
        var d = values.GetOrAdd("d", 0, _ => ++made);

        Assert.Equal(5, a);
        Assert.Equal(4, d);
        Assert.Equal(5, made);
    }

    [Fact]
    public Task Concurrent_callers_always_get_a_value_for_their_own_key() =>
        EachGetsItsOwnValueAsync(capacity: 64, workers: 8, sends: 10_000, static (worker, i) => $"k{(i * 7 + worker) % 500}");

    [Fact]
    public Task Threads_adding_past_a_small_capacity_all_get_their_own_values() =>
        EachGetsItsOwnValueAsync(capacity: 1, workers: 16, sends: 5_000, static (worker, i) => $"k{worker}-{i % 7}");

    /// <summary>Runs <paramref name="workers"/> threads that each look up <paramref name="sends"/> keys at once, and checks every value is its own key's.</summary>
    private static async Task EachGetsItsOwnValueAsync(int capacity, int workers, int sends, Func<int, int, string> keyOf)
    {
        var values = new RecentValues<string>(capacity);

        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < sends; i++)
            {
                var key = keyOf(worker, i);
                Assert.Equal("v" + key, values.GetOrAdd(key, key, static k => "v" + k));
            }
        })));
    }
}
