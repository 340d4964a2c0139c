using System.Text;
using System.Text.Json;
using SmsConnectors.Tests.Faults;

namespace SmsConnectors.Tests.Fuzzing;

/// <summary>A vendor answer the fuzz set plays: its status, its body and what kind of body it is.</summary>
public sealed record FuzzAnswer(int Status, string Kind, byte[] Body)
{
    public override string ToString() => $"HTTP {Status}, {Kind} body of {Body.Length} bytes";
}

/// <summary>Random templates, payloads, numbers and vendor answers from one seeded <see cref="Random"/>, so that a failing case can be replayed.</summary>
public sealed class FuzzInputs(int seed)
{
    public static readonly int[] Statuses = [200, 201, 400, 401, 404, 429, 500, 502, 503, 504];

    private static readonly string[] Placeholders =
    [
        "{{code}}", "{{ code }}", "{{message}}", "{{to}}", "{{type}}", "{{text}}", "{{nested.inner.value}}", "{{nested.list}}", "{{code.length}}",
        "{{self.self.self}}", "{{deep}}", "{{list}}", "{{json}}", "{{number}}", "{{flag}}", "{{nothing}}",
    ];

    private static readonly string[] MissingPlaceholders = ["{{missing}}", "{{missing.deeper}}", "{{nested.absent}}"];

    private static readonly string[] Fragments =
    [
        "Code ", " is your code", "{", "}", "{{", "}}", "{{{", "}}}", "{ {code} }", "{{}}", "{{ }}", "{{.}}", "{{a..b}}", "\"", "'", "\\", "\n", "\r\n", "\t",
        "😀", "Привет", "验证码", "\u200B", "%s", "%d", "${code}", "<b>", "&amp;", "+", "=", "?", "#", "\uFFFD",
    ];

    private static readonly string[] Strings =
    [
        "plain", "with \"quotes\" and 'single'", "line\nbreak\r\nand\ttab", "emoji 😀🙂", "lone \uD800 high", "lone \uDC00 low", "back\\slash", "", " ",
        "<html>", "{{code}}", "a&b=c?d#e", "Ünïcödé", new string('x', 2000), "\u0000nul", "\u001Fcontrol",
    ];

    private static readonly string[] JsonTexts =
    [
        "\"json string\"", "12.5", "-7", "true", "null", """{"a":[1,2,{"b":null}],"c":"d"}""", "[true,false,\"x\"]", """{"nested":{"deeper":{"deepest":"v"}}}""",
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    public int Next(int max) => _random.Next(max);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A template of random text, placeholders (resolvable, missing, nested) and stray braces.</summary>
    public string Template()
    {
        var builder = new StringBuilder();
        var parts = 1 + Next(6);
        for (var i = 0; i < parts; i++)
        {
            builder.Append(Chance(0.04) ? Pick(MissingPlaceholders) : Chance(0.5) ? Pick(Placeholders) : Pick(Fragments));
        }

        return string.IsNullOrWhiteSpace(builder.ToString()) ? "Code " + builder : builder.ToString();
    }

    /// <summary>A number: mostly forms of <see cref="VendorKit.Number"/>, else garbage, too long, unicode digits, or null.</summary>
    public string Phone() => Next(24) switch
    {
        0 => "+49 151 1234 5678",
        1 => "0049 (151) 123-45678",
        2 => "+4915112345678",
        3 => "4915112345678",
        4 => "+49.151.1234.5678",
        5 => Pick((string[])["", " ", "+", "++4915112345678", "abc", "+49 151 CALL ME", "0", "0015112345678"]),
        6 => "+" + new string('4', 16 + Next(20)),
        7 => Pick((string[])["+٤٩١٥١١٢٣٤٥٦٧٨", "＋４９１５１１２３４５６７８", "+४९१५११२३४५६७८"]),
        8 => "+49151" + Pick(Strings),
        9 => null!,
        _ => VendorKit.Number,
    };

    /// <summary>A payload: the passcode under <c>code</c> (usually), and random values under the keys the templates use.</summary>
    public Dictionary<string, object?> Payload()
    {
        var payload = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Chance(0.85))
        {
            payload["code"] = VendorKit.Passcode;
        }

        foreach (var key in (string[])["text", "nested", "list", "deep", "json", "number", "flag", "nothing", "self", "extra", "code.length"])
        {
            if (Chance(key is "deep" or "self" ? 0.1 : 0.85))
            {
                payload[key] = key switch
                {
                    "nested" => new Dictionary<string, object?> { ["inner"] = new Dictionary<string, object?> { ["value"] = Value(2) }, ["list"] = new List<object?> { Value(2), Value(2) } },
                    "deep" => Deep(Chance(0.5) ? 5 : 60 + Next(20)),
                    "self" => SelfContaining(),
                    "number" => Pick((object[])[0, -1, 42, 3.5, 1e300, decimal.MaxValue, long.MinValue, double.NaN, float.PositiveInfinity]),
                    "flag" => Chance(0.5),
                    "nothing" => null,
                    "json" => Json(),
                    _ => Value(0),
                };
            }
        }

        return payload;
    }

    /// <summary>A vendor answer: a status and a body (valid success, valid failure, truncated JSON, HTML, empty, random bytes, invalid UTF-8, huge).</summary>
    public FuzzAnswer Answer(VendorKit kit)
    {
        var status = Pick(Statuses);
        var kind = Pick((string[])["success", "failure", "truncated", "html", "empty", "random bytes", "invalid utf-8", "huge"]);
        var body = kind switch
        {
            "success" => Encoding.UTF8.GetBytes(kit.SuccessBody),
            "failure" => Encoding.UTF8.GetBytes(Pick(kit.FailureBodies)),
            "truncated" => Encoding.UTF8.GetBytes(kit.SuccessBody[..Next(kit.SuccessBody.Length)]),
            "html" => Encoding.UTF8.GetBytes($"<html><body><h1>{status}</h1>Number {VendorKit.Number}, code {VendorKit.Passcode}, key {kit.Secrets[0]}</body></html>"),
            "empty" => Array.Empty<byte>(),
            "random bytes" => RandomBytes(1 + Next(300)),
            "invalid utf-8" => Pick(kit.InvalidUtf8Answers).Body,
            _ => Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 70_000) + "\"}"),
        };
        return new FuzzAnswer(status, kind, body);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private object? Value(int depth) => (depth > 3 ? Next(5) : Next(9)) switch
    {
        0 => Pick(Strings),
        1 => Next(1000),
        2 => Chance(0.5),
        3 => null,
        4 => Json(),
        5 => new Dictionary<string, object?> { ["k"] = Value(depth + 1), ["q\"uote"] = Value(depth + 1) },
        6 => new List<object?> { Value(depth + 1), Value(depth + 1) },
        7 => new[] { Pick(Strings), Pick(Strings) },
        _ => Deep(10),
    };

    private JsonElement Json()
    {
        if (Chance(0.05))
        {
            var depth = 70 + Next(60);
            using var deep = JsonDocument.Parse(new string('[', depth) + "1" + new string(']', depth), new JsonDocumentOptions { MaxDepth = 256 });
            return deep.RootElement.Clone();
        }

        return VendorKit.Json(Pick(JsonTexts));
    }

    private object Deep(int levels)
    {
        object value = "bottom";
        for (var i = 0; i < levels; i++)
        {
            value = Chance(0.5) ? new Dictionary<string, object?> { ["d"] = value } : new List<object?> { value };
        }

        return value;
    }

    private object SelfContaining()
    {
        if (Chance(0.5))
        {
            var dictionary = new Dictionary<string, object?> { ["name"] = "loop" };
            dictionary["self"] = dictionary;
            return dictionary;
        }

        var list = new List<object?> { "loop" };
        list.Add(list);
        return list;
    }
}
