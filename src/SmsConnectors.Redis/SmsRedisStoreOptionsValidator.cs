using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SmsConnectors.Redis;

/// <summary>Checks the Redis store's options at startup; each problem names its configuration key and never shows the configuration string.</summary>
internal sealed class SmsRedisStoreOptionsValidator : IValidateOptions<SmsRedisStoreOptions>
{
    public const string Section = "SmsConnectors:Guard:Redis";

    public ValidateOptionsResult Validate(string? name, SmsRedisStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.ConnectionMultiplexerFactory is null)
        {
            if (string.IsNullOrWhiteSpace(options.Configuration))
            {
                problems.Add($"'{Section}:Configuration' is required by the Redis guard store (AddRedisStore()): set it to a StackExchange.Redis configuration string such as 127.0.0.1:6379, pass one to AddRedisStore(configuration), or set ConnectionMultiplexerFactory.");
            }
            else if (RedisConnection.TryParse(options.Configuration, out var problem) is null)
            {
                problems.Add($"'{Section}:Configuration' {problem} (the value is not shown: it may hold a password).");
            }
        }

        if (options.KeyPrefix is null)
        {
            problems.Add($"'{Section}:KeyPrefix' is null; leave it out for the default '{SmsRedisStoreOptions.DefaultKeyPrefix}', or set a prefix such as 'sms:' ('{{sms}}:' on Redis Cluster).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
