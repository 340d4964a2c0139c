using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

/// <summary>
/// Store keys outlive versions and are shared by instances: every key must stay the kind prefix
/// and the first 128 bits, in base64url, of the one-shot SHA-256 of the value, or of its one-shot
/// HMAC-SHA256 with the secret, however the guard computes them.
/// </summary>
public sealed class GuardKeysTests
{
    public static TheoryData<string?> Secrets => new()
    {
        null,
        string.Empty,
        "s",
        "s3cret-shared-by-every-instance",
        new string('k', 64),
        new string('k', 65),
        "pepper-ключ-🔑",
        string.Concat(Enumerable.Repeat("0123456789", 30)),
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Keys_are_the_start_of_the_one_shot_hash_of_the_value(string? secret)
    {
        var keys = new GuardKeys(secret);
        var random = new Random(secret?.Length ?? -1);
        for (var i = 0; i < 3000; i++)
        {
            var value = Text(random, random.Next(0, i % 10 == 0 ? 400 : 40));
            Assert.Equal("id:" + Expected(secret, value), keys.Idempotency(value));

            var number = SmsPhoneNumber.Parse("+" + random.Next(1, 10).ToString(CultureInfo.InvariantCulture) + random.NextInt64(1_000_000, 100_000_000_000_000).ToString(CultureInfo.InvariantCulture));
            var expected = Expected(secret, number.E164);
            Assert.Equal(("n:" + expected, "cd:" + expected), keys.NumberAndCooldown(number));
            Assert.Equal(("n:" + expected, null), keys.NumberAndCooldown(number, cooldown: false));
            Assert.Equal((null, "cd:" + expected), keys.NumberAndCooldown(number, number: false));
            Assert.Equal("n:" + expected, keys.Number(number));

            var ipv4 = string.Join('.', Enumerable.Range(0, 4).Select(_ => random.Next(256).ToString(CultureInfo.InvariantCulture)));
            Assert.Equal("ip:" + Expected(secret, ipv4), keys.Ip(ipv4));
            Assert.Equal("ip:" + Expected(secret, ipv4), keys.Ip($" ::ffff:{ipv4}\t"));

            var ipv6 = new byte[16];
            random.NextBytes(ipv6);
            var network = new byte[16];
            ipv6.AsSpan(0, 8).CopyTo(network);
            Assert.Equal("ip:" + Expected(secret, new IPAddress(network) + "/64"), keys.Ip(new IPAddress(ipv6).ToString()));

            var notAnAddress = Text(random, random.Next(0, 5)) + "host-" + Text(random, random.Next(0, 30));
            Assert.Equal("ip:" + Expected(secret, notAnAddress.Trim()), keys.Ip(notAnAddress));
        }
    }

    [Fact]
    public void Keys_of_configurations_with_other_secrets_do_not_mix_on_a_thread()
    {
        string?[] secrets = [null, "first-secret", "second-secret", "first-secret"];
        var keys = secrets.Select(secret => new GuardKeys(secret)).ToArray();
        var values = Enumerable.Range(0, 20_000).Select(i => "key-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        Parallel.For(0, values.Length, i =>
        {
            var which = i % secrets.Length;
            Assert.Equal("id:" + Expected(secrets[which], values[i]), keys[which].Idempotency(values[i]));
        });
    }

    private static string Expected(string? secret, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var hash = string.IsNullOrEmpty(secret) ? SHA256.HashData(bytes) : HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes);
        return Base64Url.EncodeToString(hash.AsSpan(0, 16));
    }

    /// <summary>Random text: mostly ASCII, with letters of other scripts, emoji, spaces and the odd lone surrogate.</summary>
    private static string Text(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(20) switch
            {
                0 => "ж",
                1 => "🔑",
                2 => " ",
                3 => "\uD800",
                4 => "界",
                _ => ((char)random.Next(0x21, 0x7F)).ToString(),
            });
        }

        return text.ToString();
    }
}
