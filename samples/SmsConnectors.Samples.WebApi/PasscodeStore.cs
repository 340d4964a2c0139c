using System.Security.Cryptography;
using System.Text;
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

/// <summary>Issued passcodes, in memory: single use, expiring, with limited attempts.</summary>
public sealed class PasscodeStore(TimeProvider time, IOptions<PasscodeOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(SmsPhoneNumber Phone, SmsUsageType Type), Entry> _entries = [];

    /// <summary>Gets how long a number must wait before it can request another passcode.</summary>
    public TimeSpan ResendInterval => options.Value.ResendInterval;

    /// <summary>Issues a new six-digit passcode unless one was issued within the resend interval.</summary>
    public bool TryIssue(SmsPhoneNumber phone, SmsUsageType type, out string code, out DateTimeOffset expiresAt, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        lock (_lock)
        {
            if (_entries.TryGetValue((phone, type), out var existing) && now - existing.IssuedAt < settings.ResendInterval)
            {
                (code, expiresAt, retryAfter) = (string.Empty, default, settings.ResendInterval - (now - existing.IssuedAt));
                return false;
            }

            code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            expiresAt = now + settings.Lifetime;
            retryAfter = TimeSpan.Zero;
            _entries[(phone, type)] = new Entry(Encoding.UTF8.GetBytes(code), now, expiresAt);
            return true;
        }
    }

    /// <summary>How long until <see cref="TryIssue"/> would issue a passcode for this number and type again.</summary>
    public TimeSpan TimeUntilNextPasscode(SmsPhoneNumber phone, SmsUsageType type)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _entries.TryGetValue((phone, type), out var entry) && now - entry.IssuedAt < options.Value.ResendInterval
                ? options.Value.ResendInterval - (now - entry.IssuedAt)
                : TimeSpan.Zero;
        }
    }

    /// <summary>Forgets the passcode, so that another can be issued at once (for example when it certainly was not sent).</summary>
    public void Revoke(SmsPhoneNumber phone, SmsUsageType type)
    {
        lock (_lock)
        {
            _entries.Remove((phone, type));
        }
    }

    /// <summary>Checks <paramref name="code"/> in constant time; a right code is used up, wrong codes count against the limit.</summary>
    public VerificationOutcome Verify(SmsPhoneNumber phone, SmsUsageType type, string code)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue((phone, type), out var entry) || entry.Revoked)
            {
                return VerificationOutcome.Invalid;
            }

            if (now >= entry.ExpiresAt)
            {
                _entries.Remove((phone, type));
                return VerificationOutcome.Invalid;
            }

            if (CryptographicOperations.FixedTimeEquals(entry.Code, Encoding.UTF8.GetBytes(code)))
            {
                _entries.Remove((phone, type));
                return VerificationOutcome.Verified;
            }

            entry.FailedAttempts++;
            if (entry.FailedAttempts >= options.Value.MaxAttempts)
            {
                // Kept, revoked, until the resend interval has passed, so that guessing cannot go on with a fresh passcode at once.
                entry.Revoked = true;
                return VerificationOutcome.TooManyAttempts;
            }

            return VerificationOutcome.Invalid;
        }
    }

    private sealed class Entry(byte[] code, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        public byte[] Code { get; } = code;

        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public int FailedAttempts { get; set; }

        public bool Revoked { get; set; }
    }
}
