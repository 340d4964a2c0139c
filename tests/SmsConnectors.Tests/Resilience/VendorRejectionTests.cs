using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;
using SmsConnectors.Tests.SmsAero;
using SmsConnectors.Tests.Tencent;

namespace SmsConnectors.Tests.Resilience;

/// <summary>
/// Each vendor's explicit rejections, answered by a server on 127.0.0.1: not sent, so never retried
/// but safe to fail over; and its "throttled, not processed" answer: retried.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class VendorRejectionTests
{
    private static readonly SmsMessage Message = SmsMessage.ForCode("+79991234567", SmsUsageType.SignIn, "123456");

    public static TheoryData<string, int, string, SmsErrorCode> Rejections => new()
    {
        { "aero", 401, """{"success":false,"data":null,"message":"Your request was made with invalid credentials."}""", SmsErrorCode.AuthorizationFailed },
        { "aero", 200, """{"result":"no credits"}""", SmsErrorCode.UsageLimitExceeded },
        { "aero", 400, """{"success":false,"data":{"number":["incorrect"]},"message":"Validation error."}""", SmsErrorCode.InvalidRequestParameters },
        { "tencent", 200, """{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId is not found."},"RequestId":"r-1"}}""", SmsErrorCode.AuthorizationFailed },
        { "tencent", 200, """{"Response":{"Error":{"Code":"FailedOperation.InsufficientBalanceInSmsPackage","Message":"no balance"},"RequestId":"r-2"}}""", SmsErrorCode.UsageLimitExceeded },
        { "tencent", 200, """{"Response":{"Error":{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"},"RequestId":"r-3"}}""", SmsErrorCode.RateLimitExceeded },
        { "tencent", 200, """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+79991234567","Fee":0,"SessionContext":"","Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":"bad number","IsoCode":"RU"}],"RequestId":"r-4"}}""", SmsErrorCode.InvalidRequestParameters },
        { "hook", 400, """{"error":"bad request"}""", SmsErrorCode.InvalidRequestParameters },
        { "hook", 401, "unauthorized", SmsErrorCode.AuthorizationFailed },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task An_explicit_rejection_is_not_sent_so_it_is_not_retried_and_fails_over(string vendor, int status, string body, SmsErrorCode expected)
    {
        await using var server = await LoopbackServer.StartAsync(status, "application/json", body);
        await using var backup = await LoopbackServer.StartAsync(200, "application/json", "{}");
        await using var services = Build(vendor, server.BaseAddress, backup.BaseAddress);

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => services.GetRequiredKeyedService<ISmsConnector>(vendor).SendAsync(Message));
        var failedOver = await services.GetRequiredKeyedService<ISmsConnector>("failover").SendAsync(Message);

        Assert.Equal(expected, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal("backup", failedOver.ConnectorName);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(1, backup.RequestCount);
    }

    [Fact]
    public async Task Tencent_request_limit_is_not_processed_so_it_is_retried()
    {
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, index) =>
        {
            context.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, index == 0
                ? """{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too fast"},"RequestId":"r-5"}}"""
                : """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+79991234567","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"RU"}],"RequestId":"r-6"}}""");
        });
        await using var services = Build("tencent", server.BaseAddress, server.BaseAddress);

        var result = await services.GetRequiredKeyedService<ISmsConnector>("tencent").SendAsync(Message);

        Assert.Equal("5000:1", result.MessageId);
        Assert.Equal(2, server.RequestCount);
    }

    private static ServiceProvider Build(string vendor, Uri address, Uri backup) =>
        TestHost.Build(services =>
        {
            var builder = services.AddSmsConnectors();
            var url = address.AbsoluteUri.TrimEnd('/');
            _ = vendor switch
            {
                "aero" => builder.AddSmsAero("aero", o =>
                {
                    (o.Email, o.ApiKey, o.BaseUrl, o.UseMirrors) = ("owner@example.com", "aero-key", url, false);
                    o.Templates = SmsAeroTestHost.RequiredTemplates();
                }),
                "tencent" => builder.AddTencent("tencent", o =>
                {
                    TencentTestHost.Configure(o);
                    o.Endpoint = url;
                }),
                _ => builder.AddHttp("hook", o => o.Endpoint = url + "/sms"),
            };
            builder
                .AddHttp("backup", o => o.Endpoint = backup.AbsoluteUri)
                .AddFailover("failover", o => o.Connectors = [vendor, "backup"])
                .SetDefaultConnector("failover");
        });
}
