using System.Collections.Concurrent;

namespace SmsConnectors.Health;

/// <summary>The last balance read of each connector and when it was read, so that health polling calls a vendor at most once per interval.</summary>
internal sealed class BalanceCache(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, Task<BalanceRead> Read)> _reads = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The connector's balance, read again only when the last read is older than <paramref name="interval"/>.</summary>
    public Task<BalanceRead> GetAsync(string connectorName, ISmsBalanceProvider provider, TimeSpan interval)
    {
        var now = timeProvider.GetUtcNow();
        var entry = _reads.AddOrUpdate(
            connectorName,
            _ => (now, ReadAsync(provider)),
            (_, existing) => now - existing.ReadAt < interval ? existing : (now, ReadAsync(provider)));
        return entry.Read;
    }

    private static async Task<BalanceRead> ReadAsync(ISmsBalanceProvider provider)
    {
        try
        {
            return new BalanceRead(await provider.GetBalanceAsync().ConfigureAwait(false), Failure: null);
        }
        catch (SmsConnectorException exception)
        {
            return new BalanceRead(Balance: null, exception);
        }
    }
}
