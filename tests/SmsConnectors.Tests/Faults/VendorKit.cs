using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Faults;

/// <summary>An answer whose body has bytes that are not UTF-8 inside a JSON string, and whether the vendor's rules still read it as sent.</summary>
public sealed record InvalidUtf8Answer(string Where, byte[] Body, bool IsSentWithoutId = false);

/// <summary>
/// One vendor connector (or Generic HTTP method) as the fault and fuzz sets use it: how to register
/// it against a base address with distinctive secrets, a success answer, what its rules read from
/// answers with invalid UTF-8, and a 503 body its rules read as "may have been sent" (when it has one).
/// </summary>
public sealed record VendorKit(
    string Name,
    Action<SmsConnectorsBuilder, Uri, Action<SmsVendorOptions>, string?> Register,
    string SuccessBody,
    string? SuccessMessageId,
    IReadOnlyList<string> FailureBodies,
    IReadOnlyList<InvalidUtf8Answer> InvalidUtf8Answers,
    string? MayHaveBeenSent503Body,
    IReadOnlyList<string> Secrets)
{
    public const string ConnectorName = "vendor";
    public const string Number = "+4915112345678";
    public const string Passcode = "834271";

    private const string SevenKey = "SEVEN-KEY-MARKER-7f3a9c";
    private const string TencentId = "AKIDTENCENTIDMARKER4b1e";
    private const string TencentSecret = "TENCENT-SECRET-MARKER-88c1d";
    private const string AeroEmail = "owner@example.com";
    private const string AeroKey = "AERO-KEY-MARKER-51d2e0";
    private const string HttpToken = "HTTP-TOKEN-MARKER-9e4b7a";
    private const string HttpHeaderKey = "HTTP-HEADER-KEY-MARKER-3c7d";

    /// <summary>The vendors every fault and fuzz case runs against.</summary>
    public static IReadOnlyList<VendorKit> All { get; } =
    [
        new(
            "Seven",
            (builder, address, common, template) => builder.AddSeven(ConnectorName, o =>
            {
                o.ApiKey = SevenKey;
                o.BaseUrl = address.AbsoluteUri.TrimEnd('/');
                o.Templates = [new() { UsageType = "Generic", Content = template ?? "Code {{code}}" }];
                common(o);
            }),
            """{"success":"100","total_price":0.075,"balance":12.3,"debug":"false","sms_type":"direct","messages":[{"id":"77001","sender":"App","recipient":"4915112345678","text":"Code 834271","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""",
            "77001",
            ["900", "\"202\"", """{"success":"100","messages":[{"id":null,"recipient":"4915112345678","success":false,"error":"202","error_text":"Invalid recipient 4915112345678 with key SEVEN-KEY-MARKER-7f3a9c"}]}"""],
            [new("a bare string result code", Bytes("\"1", 0xC3, 0x28, "\"")), new("a result code in 'success'", Bytes("{\"success\":\"1", 0xC3, 0x28, "\"}"))],
            "\"999\"",
            [SevenKey]),
        new(
            "Tencent",
            (builder, address, common, template) => builder.AddTencent(ConnectorName, o =>
            {
                o.AccessKeyId = TencentId;
                o.AccessKeySecret = TencentSecret;
                o.SignName = "Sign";
                o.SdkAppId = "1400006666";
                o.Region = "ap-guangzhou";
                o.Endpoint = address.GetLeftPart(UriPartial.Authority);
                List<string>? parameters = template is null ? null : [.. TemplateKeys(template)];
                o.Templates =
                [
                    new() { UsageType = "SignIn", TemplateCode = "1110", Parameters = parameters },
                    new() { UsageType = "Register", TemplateCode = "1111", Parameters = parameters },
                    new() { UsageType = "ForgotPassword", TemplateCode = "1112", Parameters = parameters },
                    new() { UsageType = "Generic", TemplateCode = "1113", Parameters = parameters },
                ];
                common(o);
            }),
            """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+4915112345678","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"DE"}],"RequestId":"req-1"}}""",
            "5000:1",
            [
                """{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId AKIDTENCENTIDMARKER4b1e is not found"},"RequestId":"r2"}}""",
                """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+4915112345678","Fee":0,"Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":"+4915112345678 is wrong, code 834271"}],"RequestId":"r3"}}""",
                """{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r4"}}""",
            ],
            [
                new("Error.Code", Bytes("{\"Response\":{\"Error\":{\"Code\":\"Auth", 0xC3, 0x28, "\",\"Message\":\"x\"},\"RequestId\":\"r\"}}")),
                new("Error.Message", Bytes("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"x", 0xC3, 0x28, "\"},\"RequestId\":\"r\"}}")),
                new("SendStatusSet Code", Bytes("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"1\",\"Code\":\"O", 0xC3, 0x28, "\"}],\"RequestId\":\"r\"}}")),
            ],
            """{"Response":{"Error":{"Code":"InternalError.Timeout","Message":"x"},"RequestId":"r"}}""",
            [TencentId, TencentSecret]),
        new(
            "SmsAero",
            (builder, address, common, template) => builder.AddSmsAero(ConnectorName, o =>
            {
                o.Email = AeroEmail;
                o.ApiKey = AeroKey;
                o.BaseUrl = address.AbsoluteUri.TrimEnd('/');
                o.Templates =
                [
                    new() { UsageType = "Register", Content = template ?? "Code {{code}}" },
                    new() { UsageType = "SignIn", Content = template ?? "Code {{code}}" },
                    new() { UsageType = "ForgotPassword", Content = template ?? "Code {{code}}" },
                    new() { UsageType = "Generic", Content = template ?? "Code {{code}}" },
                ];
                common(o);
            }),
            """{"success":true,"data":{"id":4321,"from":"SMSAero","number":"4915112345678","text":"Code 834271","status":0,"extendStatus":"queue","channel":"FREE SIGN","cost":4.39,"dateCreate":1697533302,"dateSend":1697533302},"message":null}""",
            "4321",
            [
                """{"success":false,"data":null,"message":"Your credentials owner@example.com:AERO-KEY-MARKER-51d2e0 are wrong"}""",
                """{"success":false,"data":{"number":["Number 4915112345678 is incorrect"],"text":["Code 834271 is blacklisted"]},"message":"Validation error."}""",
                """{"result":"reject","reason":"no credits"}""",
            ],
            [
                new("data.id", Bytes("{\"success\":true,\"data\":{\"id\":\"4", 0xC3, 0x28, "\"},\"message\":null}")),
                new("a validation field name", Bytes("{\"success\":false,\"data\":{\"num", 0xC3, 0x28, "\":[\"bad\"]},\"message\":\"Validation error.\"}")),
                new("a validation field value", Bytes("{\"success\":false,\"data\":{\"number\":[\"b", 0xC3, 0x28, "\"]},\"message\":\"Validation error.\"}")),
                new("message", Bytes("{\"success\":false,\"data\":null,\"message\":\"x", 0xC3, 0x28, "\"}")),
            ],
            null,
            [AeroKey, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AeroEmail}:{AeroKey}"))]),
        Http("Http GET", "GET"),
        Http("Http POST", "POST"),
    ];

    /// <summary>The kit called <paramref name="name"/>.</summary>
    public static VendorKit Get(string name) => All.Single(kit => kit.Name == name);

    /// <summary>The names of every kit, for theories.</summary>
    public static TheoryData<string> Names() => [.. All.Select(kit => kit.Name)];

    /// <summary>The message the fault set sends: a passcode to <see cref="Number"/>.</summary>
    public static SmsMessage Message(string code = Passcode) => SmsMessage.ForCode(Number, SmsUsageType.SignIn, code);

    /// <summary>A provider with this vendor's connector at <paramref name="address"/>, sending through <paramref name="mock"/> when given.</summary>
    public ServiceProvider Build(
        Uri address,
        Action<SmsVendorOptions>? configure = null,
        string? template = null,
        MockHttpMessageHandler? mock = null,
        CapturingLoggerProvider? logs = null) =>
        TestHost.Build(
            services =>
            {
                logs?.AddTo(services);
                Register(services.AddSmsConnectors(), address, configure ?? (_ => { }), template);
            },
            mock,
            mock is null ? null : [ConnectorName]);

    public override string ToString() => Name;

    private static VendorKit Http(string name, string method) => new(
        name,
        (builder, address, common, template) => builder.AddHttp(ConnectorName, o =>
        {
            o.Endpoint = address.AbsoluteUri + "send";
            o.Method = method;
            o.Authorization = "Bearer " + HttpToken;
            o.Headers["X-Api-Key"] = HttpHeaderKey;
            o.QueryParameters["to"] = "{{to}}";
            if (template is not null)
            {
                o.Templates = [new() { UsageType = "Generic", Content = template }];
                o.QueryParameters["text"] = "{{message}}";
            }

            common(o);
        }),
        """{"id":"hook-1","to":"+4915112345678","text":"Code 834271"}""",
        "hook-1",
        ["""{"error":"bad number +4915112345678 for Bearer HTTP-TOKEN-MARKER-9e4b7a"}"""],
        [
            new("id", Bytes("{\"id\":\"h", 0xC3, 0x28, "\"}"), IsSentWithoutId: true),
            new("messageId", Bytes("{\"messageId\":\"h", 0xC3, 0x28, "\"}"), IsSentWithoutId: true),
        ],
        null,
        [HttpToken, "Bearer " + HttpToken, HttpHeaderKey]);

    private static IEnumerable<string> TemplateKeys(string template) =>
        System.Text.RegularExpressions.Regex.Matches(template, @"\{\{\s*([^{}\s.]+)").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    /// <summary>Bytes from text parts (as UTF-8) and single byte values, in order.</summary>
    public static byte[] Bytes(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case string text:
                    bytes.AddRange(Encoding.UTF8.GetBytes(text));
                    break;
                case int value:
                    bytes.Add((byte)value);
                    break;
                default:
                    throw new ArgumentException("Only strings and byte values.", nameof(parts));
            }
        }

        return [.. bytes];
    }

    /// <summary>Reads <paramref name="json"/> as a <see cref="JsonElement"/>.</summary>
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
