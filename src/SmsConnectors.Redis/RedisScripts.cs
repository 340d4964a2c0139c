namespace SmsConnectors.Redis;

/// <summary>
/// The store's Lua scripts: each operation is one script, so Redis runs it atomically. Counters are
/// sorted sets whose members are send ids and whose scores are the sends' times in Unix
/// milliseconds; an entry at <c>t</c> counts while <c>now &lt; t + window</c>.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: the counters. ARGV: now (ms), the send id, then each counter's limit and window (ms).
    /// Prunes what left each window, then records the send in every counter if each has room, else
    /// in none. Returns <c>{-1, 0}</c> when recorded, else <c>{index, retry-after ms}</c> for the
    /// full counter (zero-based) that has room last: a counter has room when the entry at
    /// <c>count - limit</c> leaves its window.
    /// A key's time to live only grows, to the window of its newest entry.
    /// </summary>
    public const string Acquire = """
        local now = tonumber(ARGV[1])
        local full, wait = -1, 0
        for i = 1, #KEYS do
          local limit = tonumber(ARGV[1 + 2 * i])
          local window = tonumber(ARGV[2 + 2 * i])
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
          local count = redis.call('ZCARD', KEYS[i])
          if count >= limit then
            local oldest = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
            local retry = tonumber(oldest[2]) + window - now
            if full < 0 or retry > wait then
              full, wait = i - 1, retry
            end
          end
        end
        if full >= 0 then
          return {full, wait}
        end
        for i = 1, #KEYS do
          local window = tonumber(ARGV[2 + 2 * i])
          redis.call('ZADD', KEYS[i], now, ARGV[2])
          if redis.call('PTTL', KEYS[i]) < window then
            redis.call('PEXPIRE', KEYS[i], window)
          end
        end
        return {-1, 0}
        """;

    /// <summary>KEYS: the counters. ARGV: the send id. Removes the send from every counter.</summary>
    public const string Release = """
        for i = 1, #KEYS do
          redis.call('ZREM', KEYS[i], ARGV[1])
        end
        return 0
        """;

    /// <summary>KEYS: the key. ARGV: the value, its time to live (ms). Returns nil when set, else the value the key holds.</summary>
    public const string TrySet = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return nil
        end
        return redis.call('GET', KEYS[1])
        """;

    /// <summary>
    /// KEYS: the key. ARGV: the value expected, <c>1</c> to set or <c>0</c> to delete, the new value,
    /// its time to live (ms). Returns 1 when the key held the expected value and was changed, else 0.
    /// </summary>
    public const string Replace = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          return 0
        end
        if ARGV[2] == '1' then
          redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
        else
          redis.call('DEL', KEYS[1])
        end
        return 1
        """;
}
