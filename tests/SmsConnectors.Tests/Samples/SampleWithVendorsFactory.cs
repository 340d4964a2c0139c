using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary>
/// The sample with appsettings.Vendors.example.json on top of its own settings, so Seven is its
/// default connector, and every vendor's address on a loopback server that records what reaches it.
/// The settings go in as host settings, which the app sees from its first line, as it would see
/// its own configuration files.
/// </summary>
public sealed class SampleWithVendorsFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public LoopbackServer Vendor { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Vendor = await LoopbackServer.StartAsync(200, "application/json", """{"success":"100","messages":[{"id":"1"}]}""");

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Vendor.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var vendors = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Vendors.example.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SmsConnectors:Connectors:seven:BaseUrl"] = new Uri(Vendor.BaseAddress, "seven").ToString(),
                ["SmsConnectors:Connectors:tencent:endpoint"] = Vendor.BaseAddress.GetLeftPart(UriPartial.Authority),
                ["SmsConnectors:Connectors:aero:BaseUrl"] = new Uri(Vendor.BaseAddress, "aero").ToString(),
                ["SmsConnectors:Connectors:hook:endpoint"] = new Uri(Vendor.BaseAddress, "hook").ToString(),
            })
            .Build();
        foreach (var (key, value) in vendors.AsEnumerable())
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
