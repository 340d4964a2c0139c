using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Sending;

/// <summary>Results say how many segments a text takes and what the vendor billed; MaxSegments refuses a longer text before any request.</summary>
public class SegmentsAndCostTests
{
    private const string Number = "+4915112345678";

    [Fact]
    public async Task Seven_reports_parts_and_price_and_the_result_counts_the_rendered_texts_segments()
    {
        var result = await SendAsync(
            builder => builder.AddSeven("v", o => (o.ApiKey, o.Templates) = ("k", [new() { UsageType = "Generic", Content = "Ваш код {{code}}" }])),
            """{"success":"100","total_price":0.15,"messages":[{"id":"77","parts":2,"price":0.15,"success":true}]}""");

        // "Ваш код 123456" is 14 UTF-16 units: Cyrillic makes it UCS-2, one segment.
        Assert.Equal((1, SmsEncoding.Ucs2), (result.Segments, result.Encoding));
        Assert.Equal(2, result.BilledParts);
        Assert.Equal(0.15m, result.Price);
    }

    [Fact]
    public async Task Smsaero_reports_its_cost()
    {
        var result = await SendAsync(
            builder => builder.AddSmsAero("v", o =>
            {
                (o.Email, o.ApiKey) = ("owner@example.com", "k");
                o.Templates = [.. new[] { "SignIn", "Register", "ForgotPassword", "Generic" }.Select(type => new SmsConnectors.Templates.SmsTextTemplate { UsageType = type, Content = "Code {{code}}" })];
            }),
            """{"success":true,"data":{"id":1,"cost":2.25},"message":null}""");

        Assert.Equal(2.25m, result.Price);
        Assert.Equal((1, SmsEncoding.Gsm7), (result.Segments, result.Encoding));
    }

    [Fact]
    public async Task Tencent_reports_its_fee_and_no_segments_since_its_text_lives_at_tencent()
    {
        var result = await SendAsync(
            builder => builder.AddTencent("v", o =>
            {
                (o.AccessKeyId, o.AccessKeySecret, o.SignName, o.SdkAppId, o.Region) = ("AKID", "s", "Sign", "1400006666", "ap-guangzhou");
                o.Templates = [.. new[] { "SignIn", "Register", "ForgotPassword", "Generic" }.Select((type, i) => new SmsConnectors.Tencent.TencentTemplate { UsageType = type, TemplateCode = $"{i}" })];
            }),
            """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+4915112345678","Fee":3,"Code":"Ok","Message":"send success"}],"RequestId":"r"}}""");

        Assert.Equal(3, result.BilledParts);
        Assert.Null(result.Segments);
        Assert.Null(result.Encoding);
    }

    [Fact]
    public async Task Max_segments_refuses_a_longer_text_before_anything_is_sent_and_sms_segments_counts_what_went()
    {
        await using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev", o =>
        {
            o.MaxSegments = 1;
            o.Templates = [new() { UsageType = "Generic", Content = "{{code}}" }];
        }));
        var scope = provider.GetRequiredService<IMeterFactory>();
        long segments = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "sms.segments" && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref segments, value));
        listener.Start();
        var connector = provider.GetRequiredService<ISmsConnector>();

        // 160 GSM characters fit one segment; 161 take two (153 + 8).
        var fits = await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, new string('7', 160)));
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, new string('7', 161))));

        Assert.Equal(1, fits.Segments);
        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains("takes 2 SMS segments (Gsm7, 161 characters), more than the 1 allowed by 'MaxSegments'", error.Message, StringComparison.Ordinal);
        Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages);
        Assert.Equal(1, Interlocked.Read(ref segments));
    }

    private static async Task<SmsSendResult> SendAsync(Action<SmsConnectorsBuilder> add, string answer)
    {
        var mock = new MockHttpMessageHandler();
        mock.RecordAll(HttpStatusCode.OK, answer);
        await using var provider = TestHost.Build(services => add(services.AddSmsConnectors()), mock, ["v"]);
        return await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "123456"));
    }
}
