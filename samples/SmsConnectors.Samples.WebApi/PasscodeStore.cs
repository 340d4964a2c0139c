using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace SmsConnectors.Samples.WebApi;

/// <summary>How passcodes behave.</summary>
public sealed class PasscodeOptions
{
    /// <summary>How long a passcode stays valid.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a number must wait before it can request another passcode.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many wrong guesses a passcode survives.</summary>
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>What a verification found.</summary>
public enum VerificationOutcome
{
    /// <summary>The code was right; it is now used up.</summary>
    Verified,

    /// <summary>No valid passcode, or a wrong code.</summary>
    Invalid,

    /// <summary>Too many wrong codes; the passcode is revoked, and a new one can be issued after the resend interval.</summary>
    TooManyAttempts,
}

/// <summary>A passcode to send.</summary>
/// <param name="Code">The six digits.</param>
/// <param name="ExpiresAt">When it stops being valid.</param>
/// <param name="SendKey">
/// The <see cref="SmsMessage.IdempotencyKey"/> of its sends: new with each passcode, the same for
/// every repeat of the request that issued it, so that the guard sends it once and answers the
/// repeats with the first send's outcome.
/// </param>
/// <param name="IsNew">Whether this request issued it; <see langword="false"/> for a repeat of the request that did.</param>
public sealed record Passcode(string Code, DateTimeOffset ExpiresAt, string SendKey, bool IsNew);

/// <summary>The answer to a request for a passcode: the passcode to send, or how long to wait for one.</summary>
/// <param name="Passcode">The passcode to send, or <see langword="null"/> when one was issued for the number a moment ago.</param>
/// <param name="RetryAfter">When <paramref name="Passcode"/> is <see langword="null"/>, how long until another may be issued.</param>
public sealed record PasscodeIssue(Passcode? Passcode, TimeSpan RetryAfter);

/// <summary>
/// Issued passcodes, in the app's <see cref="IDistributedCache"/> (in memory, or in Redis so that
/// every instance behind a load balancer sees them): single use, expiring, with limited attempts.
/// An entry's key is a hash of the number and usage type. Its times are kept inside the entry and
/// read with the app's <see cref="TimeProvider"/>; the cache's own expiry, later, only clears it away.
/// One instance updates an entry at a time; a cache has no atomic update, so across instances two
/// requests for one number at the same moment may each act on what they read (the guard's counters,
/// which are atomic in their store, still count both sends).
/// </summary>
public sealed class PasscodeStore(IDistributedCache cache, TimeProvider time, IOptions<PasscodeOptions> options) : IDisposable
{
    /// <summary>How long an entry stays in the cache after it stops mattering, so that a clock set apart from the cache's never loses one early.</summary>
    private static readonly TimeSpan CleanupMargin = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Gets how long a number must wait before it can request another passcode.</summary>
    public TimeSpan ResendInterval => options.Value.ResendInterval;

    /// <summary>
    /// Issues a new six-digit passcode unless one was issued within the resend interval. A request
    /// with the <paramref name="requestKey"/> of the request that issued the live passcode is a repeat
    /// of it: it gets that passcode again, <see cref="Passcode.IsNew"/> <see langword="false"/>.
    /// </summary>
    public async Task<PasscodeIssue> IssueAsync(SmsPhoneNumber phone, SmsUsageType type, string? requestKey, CancellationToken cancellationToken)
    {
        var key = KeyOf(phone, type);
        var requestHash = requestKey is null ? null : Hash(requestKey);
        using var held = await LockAsync(key, cancellationToken);
        var now = time.GetUtcNow();
        var settings = options.Value;
        var existing = await ReadAsync(key, cancellationToken);
        if (existing is not null)
        {
            if (requestHash is not null && existing.RequestKey == requestHash && !existing.Revoked && now < existing.ExpiresAt)
            {
                return new PasscodeIssue(new Passcode(existing.Code, existing.ExpiresAt, existing.SendKey, IsNew: false), TimeSpan.Zero);
            }

            if (now - existing.IssuedAt < settings.ResendInterval)
            {
                return new PasscodeIssue(null, settings.ResendInterval - (now - existing.IssuedAt));
            }
        }

        var entry = new PasscodeEntry
        {
            Code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture),
            IssuedAt = now,
            ExpiresAt = now + settings.Lifetime,
            RequestKey = requestHash,
            SendKey = Guid.NewGuid().ToString("N"),
        };
        await WriteAsync(key, entry, now, cancellationToken);
        return new PasscodeIssue(new Passcode(entry.Code, entry.ExpiresAt, entry.SendKey, IsNew: true), TimeSpan.Zero);
    }

    /// <summary>How long until <see cref="IssueAsync"/> would issue a passcode for this number and type again.</summary>
    public async Task<TimeSpan> TimeUntilNextPasscodeAsync(SmsPhoneNumber phone, SmsUsageType type, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await ReadAsync(KeyOf(phone, type), cancellationToken) is { } entry && now - entry.IssuedAt < ResendInterval
            ? ResendInterval - (now - entry.IssuedAt)
            : TimeSpan.Zero;
    }

    /// <summary>Forgets <paramref name="passcode"/>, so that another can be issued at once (it certainly was not sent); a newer passcode stays.</summary>
    public async Task RevokeAsync(SmsPhoneNumber phone, SmsUsageType type, Passcode passcode, CancellationToken cancellationToken)
    {
        var key = KeyOf(phone, type);
        using var held = await LockAsync(key, cancellationToken);
        if (await ReadAsync(key, cancellationToken) is { } entry && entry.SendKey == passcode.SendKey)
        {
            await cache.RemoveAsync(key, cancellationToken);
        }
    }

    /// <summary>Checks <paramref name="code"/> in constant time; a right code is used up, wrong codes count against the limit.</summary>
    public async Task<VerificationOutcome> VerifyAsync(SmsPhoneNumber phone, SmsUsageType type, string code, CancellationToken cancellationToken)
    {
        var key = KeyOf(phone, type);
        using var held = await LockAsync(key, cancellationToken);
        var now = time.GetUtcNow();
        var entry = await ReadAsync(key, cancellationToken);
        if (entry is null || entry.Revoked)
        {
            return VerificationOutcome.Invalid;
        }

        if (now >= entry.ExpiresAt)
        {
            await cache.RemoveAsync(key, cancellationToken);
            return VerificationOutcome.Invalid;
        }

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry.Code), Encoding.UTF8.GetBytes(code)))
        {
            await cache.RemoveAsync(key, cancellationToken);
            return VerificationOutcome.Verified;
        }

        entry.FailedAttempts++;
        // Kept, revoked, until the resend interval has passed, so that guessing cannot go on with a fresh passcode at once.
        entry.Revoked = entry.FailedAttempts >= options.Value.MaxAttempts;
        await WriteAsync(key, entry, now, cancellationToken);
        return entry.Revoked ? VerificationOutcome.TooManyAttempts : VerificationOutcome.Invalid;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var gate in _locks)
        {
            gate.Dispose();
        }
    }

    /// <summary>The cache key of a number and usage type: neither in clear text.</summary>
    private static string KeyOf(SmsPhoneNumber phone, SmsUsageType type) => "passcode:" + Hash($"{type.Value}\n{phone.E164}");

    private static string Hash(string value) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private async Task<PasscodeEntry?> ReadAsync(string key, CancellationToken cancellationToken) =>
        await cache.GetAsync(key, cancellationToken) is { } bytes ? JsonSerializer.Deserialize(bytes, PasscodeJson.Default.PasscodeEntry) : null;

    private async Task WriteAsync(string key, PasscodeEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The entry matters until it expires, or until the resend interval has passed when that is later (a revoked entry).
        var mattersUntil = entry.ExpiresAt > entry.IssuedAt + ResendInterval ? entry.ExpiresAt : entry.IssuedAt + ResendInterval;
        var expiry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = mattersUntil - now + CleanupMargin };
        await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(entry, PasscodeJson.Default.PasscodeEntry), expiry, cancellationToken);
    }

    /// <summary>Holds one of the locks that let one request at a time of this instance read and update an entry.</summary>
    private async Task<Held> LockAsync(string key, CancellationToken cancellationToken)
    {
        var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    private readonly struct Held(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

/// <summary>One issued passcode as the cache holds it.</summary>
internal sealed class PasscodeEntry
{
    public required string Code { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the SHA-256 of the <c>Idempotency-Key</c> of the request that issued the passcode, when it had one.</summary>
    public string? RequestKey { get; init; }

    /// <summary>Gets the idempotency key of the passcode's sends (<see cref="Passcode.SendKey"/>).</summary>
    public required string SendKey { get; init; }

    public int FailedAttempts { get; set; }

    public bool Revoked { get; set; }
}

/// <summary>The cache entries' JSON, source-generated.</summary>
[JsonSerializable(typeof(PasscodeEntry))]
internal sealed partial class PasscodeJson : JsonSerializerContext;
