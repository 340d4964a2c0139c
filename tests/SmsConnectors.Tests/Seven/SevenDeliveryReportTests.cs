using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Seven;

/// <summary>
/// Seven's <c>dlr</c> webhook read by <see cref="SevenDeliveryReports"/>: the signature against vectors
/// computed outside the project, the time window, replayed nonces, the body's shape, statuses and times.
/// </summary>
public class SevenDeliveryReportTests
{
    /// <summary>The signing key of the vectors below.</summary>
    public const string Secret = "seven-signing-key-0123456789abcdef";

    /// <summary>The nonce of the vectors below (32 letters and digits, as Seven sends).</summary>
    public const string Nonce = "fpPRhAd1s8GXacfR39mWqKPynmmXfJnc";

    /// <summary>2026-03-01T12:00:00Z in Unix seconds: the X-Timestamp of the vectors below.</summary>
    public const long Timestamp = 1772366400;

    /// <summary>A <c>dlr</c> webhook for message 77230001, the body of the vectors below.</summary>
    public const string Body = """{"webhook_event":"dlr","webhook_timestamp":"2026-03-01T13:00:00+01:00","data":{"msg_id":"77230001","status":"DELIVERED","timestamp":"2026-03-01 12:59:58.000000"}}""";

    /// <summary>The URL of the vectors' first row: what a test server sees.</summary>
    public const string LocalUrl = "http://localhost/sms/delivery-reports/seven";

    /// <summary>
    /// X-Signature of <see cref="Body"/> posted to <see cref="LocalUrl"/>, computed outside the project
    /// with Python 3.11's hmac and hashlib:
    /// <c>hmac.new(secret.encode(), "\n".join([str(ts), nonce, "POST", url, hashlib.md5(body.encode()).hexdigest()]).encode(), hashlib.sha256).hexdigest()</c>.
    /// </summary>
    public const string LocalSignature = "ecd8eff90642b6f54a81d0560a5942c8ff8181821934062c2547ce730f16339f";

    /// <summary>The same, for the URL Seven calls through a proxy at https://sms.example.com.</summary>
    public const string ProxiedSignature = "b08fa959693b0cbe7f3a3e16a7ad23dc802059863ca5a2913bf1a2e1bb566ba1";

    /// <summary>The same, for the URL Seven calls at the public base URL https://api.example.com/base.</summary>
    public const string PublicBaseSignature = "875da8bb47ca1f1b8ca71df901da27616f106e787eade429e0f13716bb056ac0";

    public static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Theory]
    [InlineData(LocalUrl, LocalSignature)]
    [InlineData("https://sms.example.com/sms/delivery-reports/seven", ProxiedSignature)]
    [InlineData("https://api.example.com/base/sms/delivery-reports/seven", PublicBaseSignature)]
    public void The_signature_is_the_one_computed_outside_the_project(string url, string expected)
    {
        var signature = SevenDeliveryReports.Sign(Secret, Timestamp, Nonce, "POST", url, Encoding.UTF8.GetBytes(Body));

        Assert.Equal(expected, Convert.ToHexStringLower(signature));
    }

    [Fact]
    public void The_method_is_signed_in_upper_case()
    {
        Assert.Equal(
            SevenDeliveryReports.Sign(Secret, Timestamp, Nonce, "POST", LocalUrl, Encoding.UTF8.GetBytes(Body)),
            SevenDeliveryReports.Sign(Secret, Timestamp, Nonce, "post", LocalUrl, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void A_signed_dlr_webhook_gives_its_report()
    {
        var reports = Reader(out _);

        var result = reports.Read(Request(), Options());

        Assert.True(result.IsAccepted);
        Assert.Null(result.Acknowledgement);
        var report = Assert.Single(result.Reports);
        Assert.Equal(
            new SmsDeliveryReport
            {
                ConnectorName = "seven",
                Provider = "Seven",
                MessageId = "77230001",
                Status = SmsDeliveryStatus.Delivered,
                VendorStatus = "DELIVERED",
                VendorTime = new DateTimeOffset(2026, 3, 1, 12, 59, 58, TimeSpan.FromHours(1)),
            },
            report);
    }

    [Fact]
    public void An_upper_case_hex_signature_verifies_too()
    {
        Assert.True(Reader(out _).Read(Request(signature: LocalSignature.ToUpperInvariant()), Options()).IsAccepted);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void A_timestamp_300_seconds_off_is_accepted(int seconds)
    {
        var reports = new SevenDeliveryReports("seven", new FakeTimeProvider(SignedAt.AddSeconds(seconds)));

        Assert.True(reports.Read(Request(), Options()).IsAccepted);
    }

    [Theory]
    [InlineData(301, "signed 301 s ago")]
    [InlineData(-301, "301 s ahead")]
    [InlineData(3600, "signed 3600 s ago")]
    public void A_stale_or_future_timestamp_is_refused(int seconds, string reason)
    {
        var reports = new SevenDeliveryReports("seven", new FakeTimeProvider(SignedAt.AddSeconds(seconds)));

        var result = reports.Read(Request(), Options());

        Assert.Equal((401, true), (result.StatusCode, result.Reason!.Contains(reason, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_wrong_signature_is_refused()
    {
        var wrong = (LocalSignature[0] == 'e' ? "f" : "e") + LocalSignature[1..];

        var result = Reader(out _).Read(Request(signature: wrong), Options());

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("signature does not match", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("body")]
    [InlineData("url")]
    [InlineData("nonce")]
    [InlineData("timestamp")]
    [InlineData("method")]
    [InlineData("secret")]
    public void Changing_anything_signed_breaks_the_signature(string what)
    {
        var request = what switch
        {
            "body" => Request(body: Body.Replace("DELIVERED", "REJECTED", StringComparison.Ordinal)),
            "url" => Request(url: LocalUrl + "?x=1"),
            "nonce" => Request(nonce: "A" + Nonce[1..]),
            "timestamp" => Request(timestamp: (Timestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "method" => Request(method: "PUT"),
            _ => Request(),
        };
        var options = Options(what == "secret" ? Secret + "x" : Secret);

        Assert.Equal(401, Reader(out _).Read(request, options).StatusCode);
    }

    [Theory]
    [InlineData("X-Signature")]
    [InlineData("X-Timestamp")]
    [InlineData("X-Nonce")]
    public void A_missing_header_is_refused(string header)
    {
        var result = Reader(out _).Read(Request(without: header), Options());

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("header is missing", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1772366400.5")]
    public void A_timestamp_that_is_not_unix_seconds_is_refused(string timestamp)
    {
        Assert.Equal(401, Reader(out _).Read(Request(timestamp: timestamp), Options()).StatusCode);
    }

    [Fact]
    public void Without_a_signing_secret_every_call_is_refused()
    {
        var result = Reader(out _).Read(Request(), Options(secret: null));

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("'webhookSigningSecret'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replayed_nonce_is_refused_for_ten_minutes_and_never_by_its_secret()
    {
        var reports = Reader(out var time);

        Assert.True(reports.Read(Request(), Options()).IsAccepted);
        var replay = reports.Read(Request(), Options());

        Assert.Equal(401, replay.StatusCode);
        Assert.Contains("nonce", replay.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, replay.Reason, StringComparison.Ordinal);

        // Within the window the timestamp still passes, so only the nonce stops a replay.
        time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(401, reports.Read(Request(), Options()).StatusCode);
    }

    [Fact]
    public void A_call_whose_reports_were_not_processed_is_accepted_again()
    {
        var reports = Reader(out _);
        var first = reports.Read(Request(), Options());

        first.NotProcessed();

        Assert.True(reports.Read(Request(), Options()).IsAccepted);
    }

    [Fact]
    public void While_the_nonce_store_is_full_of_live_nonces_calls_get_503_and_then_pass()
    {
        var reports = new SevenDeliveryReports("seven", Clock(out var time), nonceCapacity: 1);
        Assert.True(reports.Read(Request(), Options()).IsAccepted);

        var full = reports.Read(Signed(nonce: "Zq7nR2kLm9XwT4bV8cHs1yJd6pFg3aQe"), Options());
        Assert.Equal(503, full.StatusCode);

        // The first nonce expires 10 minutes after it was seen; a call signed then is taken.
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(reports.Read(Signed(nonce: "Zq7nR2kLm9XwT4bV8cHs1yJd6pFg3aQe", timestamp: Timestamp + 600), Options()).IsAccepted);
    }

    [Theory]
    [InlineData("DELIVERED", SmsDeliveryStatus.Delivered)]
    [InlineData("NOTDELIVERED", SmsDeliveryStatus.Failed)]
    [InlineData("FAILED", SmsDeliveryStatus.Failed)]
    [InlineData("BUFFERED", SmsDeliveryStatus.Pending)]
    [InlineData("TRANSMITTED", SmsDeliveryStatus.Pending)]
    [InlineData("ACCEPTED", SmsDeliveryStatus.Pending)]
    [InlineData("EXPIRED", SmsDeliveryStatus.Expired)]
    [InlineData("REJECTED", SmsDeliveryStatus.Rejected)]
    [InlineData("UNKNOWN", SmsDeliveryStatus.Unknown)]
    [InlineData("SOMETHING_NEW", SmsDeliveryStatus.Unknown)]
    public void Sevens_statuses_map(string status, SmsDeliveryStatus expected)
    {
        var result = SevenDeliveryReports.Parse("seven", Utf8($$$"""{"webhook_event":"dlr","data":{"msg_id":"1","status":"{{{status}}}"}}"""));

        var report = Assert.Single(result.Reports);
        Assert.Equal((expected, status), (report.Status, report.VendorStatus));
    }

    [Theory]
    [InlineData("2021-08-24 08:08:00.000000", "2021-08-24T08:08:00.0000000+02:00")]
    [InlineData("2024-01-01 12:00:00", "2024-01-01T12:00:00.0000000+01:00")]
    [InlineData("2026-03-29 01:59:59", "2026-03-29T01:59:59.0000000+01:00")]
    [InlineData("2026-03-29 03:00:00", "2026-03-29T03:00:00.0000000+02:00")]
    [InlineData("2026-10-25 02:59:59", "2026-10-25T02:59:59.0000000+02:00")]
    [InlineData("2026-10-25 03:00:00", "2026-10-25T03:00:00.0000000+01:00")]
    [InlineData("2021-08-24T08:08:00+02:00", "2021-08-24T08:08:00.0000000+02:00")]
    [InlineData("2021-08-24T06:08:00Z", "2021-08-24T06:08:00.0000000+00:00")]
    public void Sevens_local_german_times_get_their_offset(string timestamp, string expected)
    {
        Assert.Equal(expected, SevenDeliveryReports.TimeOf(timestamp)!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void A_missing_or_unreadable_time_is_no_time(string? timestamp)
    {
        Assert.Null(SevenDeliveryReports.TimeOf(timestamp));
    }

    [Fact]
    public void A_numeric_msg_id_is_read_as_its_text()
    {
        var result = SevenDeliveryReports.Parse("seven", Utf8("""{"webhook_event":"dlr","data":{"msg_id":77230001,"status":"DELIVERED"}}"""));

        Assert.Equal("77230001", Assert.Single(result.Reports).MessageId);
        Assert.Null(result.Reports[0].VendorTime);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "not a Seven webhook")]
    [InlineData("""{"data":{}}""", "not a Seven webhook")]
    [InlineData("""{"webhook_event":"dlr"}""", "no 'data' object")]
    [InlineData("""{"webhook_event":"dlr","data":{"status":"DELIVERED"}}""", "no 'msg_id'")]
    [InlineData("""{"webhook_event":"dlr","data":{"msg_id":"1"}}""", "no 'status'")]
    [InlineData("""{"webhook_event":"dlr","data":{"msg_id":{"x":1},"status":"DELIVERED"}}""", "no 'msg_id'")]
    public void A_body_that_is_not_a_dlr_webhook_is_refused_with_400(string body, string reason)
    {
        var result = SevenDeliveryReports.Parse("seven", Utf8(body));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_kind_of_webhook_is_taken_without_reports()
    {
        var result = SevenDeliveryReports.Parse("seven", Utf8("""{"webhook_event":"sms_mo","data":{"id":"681590","sender":"491771783130","text":"Hello"}}"""));

        Assert.True(result.IsAccepted);
        Assert.Empty(result.Reports);
        Assert.Equal("it is a Seven 'sms_mo' webhook, not a delivery report ('dlr')", result.Reason);
    }

    [Fact]
    public void The_signing_secret_binds_from_its_camel_case_key_and_is_declared_a_secret()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json("""
            { "SmsConnectors": { "Connectors": { "seven": { "Provider": "Seven", "apiKey": "k", "webhookSigningSecret": "sign-key",
              "templates": [ { "usageType": "Generic", "content": "{{code}}" } ] } } } }
            """).GetSection("SmsConnectors")));

        var options = provider.GetRequiredService<IOptionsMonitor<SevenOptions>>().Get("seven");

        Assert.Equal("sign-key", options.WebhookSigningSecret);
        Assert.Contains("sign-key", options.Secrets());
        Assert.IsAssignableFrom<ISmsDeliveryReportReader>(provider.GetRequiredService<ISmsConnector>());
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("key\nwith a line break")]
    public void A_blank_or_multi_line_signing_secret_fails_startup(string secret)
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddSeven("seven", o =>
        {
            (o.ApiKey, o.WebhookSigningSecret) = ("k", secret);
            o.Templates = [new() { UsageType = "Generic", Content = "{{code}}" }];
        }));

        var failure = Assert.Single(failures);
        Assert.Contains("'webhookSigningSecret' must not be blank or contain control characters", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("with a line break", failure, StringComparison.Ordinal);
    }

    internal static SevenOptions Options(string? secret = Secret) => new() { ApiKey = "k", WebhookSigningSecret = secret };

    internal static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static FakeTimeProvider Clock(out FakeTimeProvider time) => time = new FakeTimeProvider(SignedAt);

    private static SevenDeliveryReports Reader(out FakeTimeProvider time) => new("seven", Clock(out time));

    /// <summary>The vector's call, with one part changed or left out.</summary>
    private static SmsDeliveryReportRequest Request(
        string? signature = null,
        string? body = null,
        string? url = null,
        string? nonce = null,
        string? timestamp = null,
        string method = "POST",
        string? without = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Signature"] = signature ?? LocalSignature,
            ["X-Timestamp"] = timestamp ?? Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-Nonce"] = nonce ?? Nonce,
        };
        if (without is not null)
        {
            headers.Remove(without);
        }

        return new SmsDeliveryReportRequest(method, url ?? LocalUrl, Utf8(body ?? Body), name => headers.GetValueOrDefault(name));
    }

    /// <summary>A call signed by the connector's own code (for checks that are not about the signature).</summary>
    private static SmsDeliveryReportRequest Signed(string nonce, long timestamp = Timestamp)
    {
        var signature = Convert.ToHexStringLower(SevenDeliveryReports.Sign(Secret, timestamp, nonce, "POST", LocalUrl, Encoding.UTF8.GetBytes(Body)));
        return Request(signature: signature, nonce: nonce, timestamp: timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
