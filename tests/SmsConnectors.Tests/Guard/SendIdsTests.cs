using System.Collections.Concurrent;
using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

/// <summary>The ids sends are counted under: never the same twice, from any thread, and starting with this process's random prefix.</summary>
public sealed class SendIdsTests
{
    [Fact]
    public async Task Ids_from_many_threads_are_all_different()
    {
        var ids = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                ids.Add(SendIds.Next());
            }
        })));

        Assert.Equal(80_000, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ids_share_a_random_prefix_of_64_bits_in_hex()
    {
        var (first, second) = (SendIds.Next(), SendIds.Next());

        Assert.Equal(first[..16], second[..16]);
        Assert.Matches("^[0-9A-F]{16}[0-9a-f]+$", first);
        Assert.NotEqual(first, second);
    }
}
