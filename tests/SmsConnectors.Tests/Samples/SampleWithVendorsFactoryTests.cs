using System.Net;
using System.Net.Http.Json;

namespace SmsConnectors.Tests.Samples;

/// <summary>Without the Outbox replacement, <see cref="SampleWithVendorsFactory"/> does send to its loopback Seven.</summary>
public sealed class SampleWithVendorsFactoryTests(SampleWithVendorsFactory factory) : IClassFixture<SampleWithVendorsFactory>
{
    [Fact]
    public async Task Without_the_replacement_a_passcode_goes_to_the_vendor()
    {
        using var client = factory.CreateClient();

        var requested = await client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var request = Assert.Single(factory.Vendor.Requests);
        Assert.Equal("/seven/sms", request.Path);
        Assert.Equal("<your seven.io API key>", request.Header("X-Api-Key"));
    }
}
