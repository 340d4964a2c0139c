using Microsoft.Extensions.Logging;
using SmsConnectors.Guard;
using StackExchange.Redis;

namespace SmsConnectors.Redis;

/// <summary>
/// The guard's store on Redis, shared by every instance of an app: sliding-window counters as
/// sorted sets and idempotency keys as strings, each operation one Lua script so that it is atomic
/// on the server, and every key with a time to live. Keys are <see cref="SmsRedisStoreOptions.KeyPrefix"/>
/// followed by the guard's key, which holds no number in clear text.
/// </summary>
/// <remarks>
/// A call cancelled before it reaches Redis does nothing; once a script is sent, the call waits for
/// its answer (at most the async timeout), so that the guard never misses a change the store made.
/// Times are counted in whole milliseconds.
/// </remarks>
internal sealed class RedisGuardStore : ISmsGuardStore, IDisposable
{
    /// <summary>The first wait between two reads of a key <see cref="WaitForChangeAsync"/> watches.</summary>
    internal static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest wait between two reads of a key <see cref="WaitForChangeAsync"/> watches.</summary>
    internal static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    private readonly RedisConnection _connection;
    private readonly string _prefix;
    private readonly TimeProvider _timeProvider;

    public RedisGuardStore(SmsRedisStoreOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _connection = new RedisConnection(options, loggerFactory.CreateLogger(RedisLog.Category));
        _prefix = options.KeyPrefix ?? SmsRedisStoreOptions.DefaultKeyPrefix;
        _timeProvider = timeProvider;
    }

    public async ValueTask<SmsGuardAcquisition> TryAcquireAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(sendId);
        if (counters.Count == 0)
        {
            return SmsGuardAcquisition.Acquired;
        }

        var keys = new RedisKey[counters.Count];
        var arguments = new RedisValue[2 + (2 * counters.Count)];
        arguments[0] = now.ToUnixTimeMilliseconds();
        arguments[1] = sendId;
        for (var i = 0; i < counters.Count; i++)
        {
            keys[i] = Key(counters[i].Key);
            arguments[2 + (2 * i)] = counters[i].Limit;
            arguments[3 + (2 * i)] = Milliseconds(counters[i].Window);
        }

        var result = await EvaluateAsync(RedisScripts.Acquire, keys, arguments, cancellationToken).ConfigureAwait(false);
        var answer = (long[])result!;
        return answer[0] < 0 ? SmsGuardAcquisition.Acquired : SmsGuardAcquisition.Full((int)answer[0], TimeSpan.FromMilliseconds(answer[1]));
    }

    public async ValueTask ReleaseAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(sendId);
        if (counters.Count == 0)
        {
            return;
        }

        var keys = counters.Select(c => Key(c.Key)).ToArray();
        await EvaluateAsync(RedisScripts.Release, keys, [sendId], cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> TrySetAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var result = await EvaluateAsync(RedisScripts.TrySet, [Key(key)], [value, Milliseconds(expiry)], cancellationToken).ConfigureAwait(false);
        return result.IsNull ? null : (string?)result;
    }

    public async ValueTask<bool> ReplaceAsync(string key, string expected, string? value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(expected);
        RedisValue[] arguments = value is null
            ? [expected, "0", RedisValue.EmptyString, 0]
            : [expected, "1", value, Milliseconds(expiry)];
        var result = await EvaluateAsync(RedisScripts.Replace, [Key(key)], arguments, cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async ValueTask WaitForChangeAsync(string key, string value, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var started = _timeProvider.GetTimestamp();
        var poll = FirstPoll;
        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var redisKey = Key(key);
        while (true)
        {
            // A read changes nothing, so it may be abandoned when the caller cancels.
            var current = await database.StringGetAsync(redisKey).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals((string?)current, value, StringComparison.Ordinal))
            {
                return;
            }

            var remaining = timeout - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(poll < remaining ? poll : remaining, _timeProvider, cancellationToken).ConfigureAwait(false);
            poll = poll * 2 < LongestPoll ? poll * 2 : LongestPoll;
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>A time span in whole milliseconds, rounded up, at least 1 (Redis refuses a zero time to live).</summary>
    internal static long Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds));

    private RedisKey Key(string key) => _prefix + key;

    /// <summary>Runs a script unless the caller cancelled first; once sent, it is waited for, not abandoned.</summary>
    private async Task<RedisResult> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return await database.ScriptEvaluateAsync(script, keys, arguments).ConfigureAwait(false);
    }
}
