using StackExchange.Redis;

namespace SmsConnectors.Redis;

/// <summary>
/// Where the guard's Redis store connects and how it names its keys (the
/// <c>SmsConnectors:Guard:Redis</c> section, or <c>AddRedisStore(...)</c> in code). Read once, when
/// the guard first uses the store.
/// </summary>
/// <remarks>
/// <para>
/// Every key the store writes starts with <see cref="KeyPrefix"/>. The keys of one send (its
/// counters) are used together in one Lua script, so on Redis Cluster they must live in one hash
/// slot: give the prefix a hash tag, such as <c>{sms}:</c>.
/// </para>
/// <para>
/// <see cref="Configuration"/> may hold a password: the library never logs it, never puts it in an
/// exception message, and <see cref="object.ToString"/> of these options does not show it.
/// </para>
/// </remarks>
public sealed class SmsRedisStoreOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>: <c>sms:</c>.</summary>
    public const string DefaultKeyPrefix = "sms:";

    /// <summary>
    /// Gets or sets the StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6379,password=...,ssl=true</c>. Required unless
    /// <see cref="ConnectionMultiplexerFactory"/> is set. Unless the string says otherwise, the store
    /// connects with <c>abortConnect=false</c> (it keeps trying in the background) and 2-second
    /// connect, sync and async timeouts, and queues no command while the connection is down: while
    /// Redis cannot be reached, a send learns it within about two seconds (at once when the
    /// connection is known to be down), and <c>Guard:FailureMode</c> decides what happens to it.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Gets or sets what every key the store writes starts with; default <see cref="DefaultKeyPrefix"/>.
    /// On Redis Cluster, include a hash tag (<c>{sms}:</c>) so that the keys of one send share a slot.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// Gets or sets a factory for the connection, for an app that already has a
    /// <see cref="IConnectionMultiplexer"/>. When set, <see cref="Configuration"/> is not used, and the
    /// store does not dispose the connection: its owner does. Called when the guard first uses the
    /// store, and again on the next use if it failed.
    /// </summary>
    public Func<Task<IConnectionMultiplexer>>? ConnectionMultiplexerFactory { get; set; }
}
