using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Telemetry;

/// <summary>One activity per send, with bounded tags and nothing that identifies the recipient or leaks a secret.</summary>
[Collection(TimingSensitive.Name)]
public sealed class TracesTests : IDisposable
{
    private const string Number = "+4915112345678";
    private const string Key = "seven-live-key-4711";
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly string _trace = ActivityTraceId.CreateRandom().ToHexString();

    public TracesTests()
    {
        // Every source is listened to, so that the HTTP client's activities are seen too; only this test's trace is kept.
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId.ToHexString() == _trace)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_vendor_send_is_one_client_activity_with_its_tags_and_the_http_call_under_its_attempt()
    {
        await using var vendor = await LoopbackServer.StartAsync(200, "application/json", """{"success":"100","messages":[{"id":"77001","success":true}]}""");
        await using var provider = Seven(vendor.BaseAddress);

        await InTraceAsync(() => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "834271")));

        var send = Assert.Single(_stopped, a => a.OperationName == "sms send");
        Assert.Equal(ActivityKind.Client, send.Kind);
        Assert.Equal("sms send seven", send.DisplayName);
        Assert.Equal(SmsConnectorsDiagnostics.ActivitySourceName, send.Source.Name);
        Assert.Equal("seven", send.GetTagItem("sms.connector"));
        Assert.Equal("Seven", send.GetTagItem("sms.provider"));
        Assert.Equal("SignIn", send.GetTagItem("sms.usage_type"));
        Assert.Equal("sent", send.GetTagItem("sms.outcome"));
        Assert.Equal(1, send.GetTagItem("sms.attempts"));
        Assert.Equal("77001", send.GetTagItem("sms.message_id"));
        Assert.Equal("49", send.GetTagItem("sms.destination.calling_code"));
        var attempt = Assert.Single(_stopped, a => a.OperationName == "sms attempt");
        Assert.Equal(send.SpanId, attempt.ParentSpanId);
        var http = Assert.Single(_stopped, a => a.Source.Name == "System.Net.Http");
        Assert.Equal(attempt.SpanId, http.ParentSpanId);
        AssertNothingIdentifying();
    }

    [Fact]
    public async Task A_failure_sets_the_error_status_and_says_whether_it_may_have_been_sent()
    {
        var mock = new MockHttpMessageHandler();
        mock.RecordAll(HttpStatusCode.OK, "900");
        await using var provider = TestHost.Build(services => services.AddSmsConnectors().AddSeven("seven", o => (o.ApiKey, o.Templates) = (Key, [new() { UsageType = "Generic", Content = "Code {{code}}" }])), mock, ["seven"]);

        await InTraceAsync(() => Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "834271"))));

        var send = Assert.Single(_stopped, a => a.OperationName == "sms send");
        Assert.Equal(ActivityStatusCode.Error, send.Status);
        Assert.Equal("failed", send.GetTagItem("sms.outcome"));
        Assert.Equal("AuthorizationFailed", send.GetTagItem("error.type"));
        Assert.Equal(false, send.GetTagItem("sms.may_have_been_sent"));
        AssertNothingIdentifying();
    }

    [Fact]
    public async Task A_composite_is_an_internal_activity_whose_tried_connectors_are_its_children()
    {
        await using var provider = TestHost.Build(services => services.AddSmsConnectors()
            .AddHttp("down", o => o.Endpoint = RefusedAddress.Create().AbsoluteUri)
            .AddOutbox("dev")
            .AddFailover("both", o => o.Connectors = ["down", "dev"])
            .SetDefaultConnector("both"));

        await InTraceAsync(() => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "834271")));

        var composite = Assert.Single(_stopped, a => a.DisplayName == "sms send both");
        Assert.Equal(ActivityKind.Internal, composite.Kind);
        Assert.Equal("Failover", composite.GetTagItem("sms.provider"));
        Assert.Equal("sent", composite.GetTagItem("sms.outcome"));
        var children = _stopped.Where(a => a.OperationName == "sms send" && a.ParentSpanId == composite.SpanId).ToList();
        Assert.Equal(["sms send down", "sms send dev"], children.OrderBy(a => a.StartTimeUtc).Select(a => a.DisplayName));
        Assert.Equal("failed", children.Single(a => a.DisplayName == "sms send down").GetTagItem("sms.outcome"));
        AssertNothingIdentifying();
    }

    [Fact]
    public async Task Without_a_listener_no_activity_is_created()
    {
        _listener.Dispose();
        Activity? seenByTheVendor = null;
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(_ =>
        {
            seenByTheVendor = Activity.Current;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        });
        await using var provider = TestHost.Build(services => services.AddSmsConnectors().AddHttp("hook", o => o.Endpoint = "https://hooks.example.com/sms"), mock, ["hook"]);

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));

        Assert.Null(seenByTheVendor);
    }

    private async Task InTraceAsync(Func<Task> send)
    {
        using var root = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        root.SetParentId(ActivityTraceId.CreateFromString(_trace), ActivitySpanId.CreateRandom());
        root.Start();
        await send();
    }

    private void AssertNothingIdentifying()
    {
        var values = _stopped.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName)).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, value =>
        {
            Assert.DoesNotContain("4915112345678", value, StringComparison.Ordinal);
            Assert.DoesNotContain("834271", value, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, value, StringComparison.Ordinal);
            Assert.DoesNotContain("Code", value, StringComparison.Ordinal);
        });
    }

    private static ServiceProvider Seven(Uri baseAddress) =>
        TestHost.Build(services => services.AddSmsConnectors().AddSeven("seven", o =>
        {
            (o.ApiKey, o.BaseUrl) = (Key, baseAddress.AbsoluteUri.TrimEnd('/'));
            o.Templates = [new() { UsageType = "Generic", Content = "Code {{code}}" }];
        }));
}
