using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Outbox;

namespace SmsConnectors.Tests.Samples;

public class SignInTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task The_code_sent_by_sms_signs_the_user_in()
    {
        using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(
            services => services.AddSmsConnectors().ReplaceConnectorsWithOutbox()));
        using var client = app.CreateClient();
        var outbox = app.Services.GetRequiredService<ISmsOutbox>();

        var next = outbox.WaitForNextAsync();               // start waiting before the request
        var requested = await client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });
        var sms = await next.WaitAsync(TimeSpan.FromSeconds(10));
        var verified = await client.PostAsJsonAsync("/passcodes/verify", new { phone = sms.To, type = "SignIn", code = sms.Code });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal("+4915112345678", sms.To);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }
}

/// <summary>
/// <see cref="SignInTests"/> again, with the sample configured to send through real vendors (the
/// sample's appsettings.Vendors.example.json, Seven the default): the replacement must keep every
/// message away from them, so their addresses lead to a loopback server that must see no request.
/// </summary>
public sealed class SignInTestsWithVendorsConfigured(SampleWithVendorsFactory factory)
    : SignInTests(factory), IClassFixture<SampleWithVendorsFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Assert.Empty(factory.Vendor.Requests);
        return Task.CompletedTask;
    }
}
