using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmsConnectors.Tests.Samples;
using static Microsoft.Playwright.Assertions;

namespace SmsConnectors.Tests.AspNetCore.Outbox;

/// <summary>
/// The Outbox page in a real browser (Debian's Chromium, headless, through Playwright): the
/// sample's page in Development, and markup in a message's text.
/// </summary>
public sealed class OutboxPageBrowserTests
{
    static OutboxPageBrowserTests() => SetDefaultExpectTimeout(15_000);

    [SkippableFact]
    public async Task The_samples_page_shows_a_passcode_without_a_reload_and_the_code_read_from_it_verifies()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var sample = await SampleServer.StartAsync(TimeProvider.System, settings: ["--environment", "Development"]);
        List<string> external = [], errors = [];
        var page = await chromium.NewPageAsync(external, errors);

        await page.GotoAsync(new Uri(sample.Client.BaseAddress!, "/dev/sms").ToString());
        await Expect(page.Locator("#status")).ToHaveTextAsync("live");
        await Expect(page.Locator("#empty")).ToHaveTextAsync("No messages yet. Send one and it appears here.");
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");

        // The passcode is requested through the sample's API, not the page; the page shows it as it is kept.
        var requested = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var rows = page.Locator("#rows tr");
        await Expect(rows).ToHaveCountAsync(1);
        var kept = Assert.Single(sample.Outbox.Messages);
        await Expect(rows).ToHaveAttributeAsync("data-id", kept.Id);
        await Expect(rows.Locator("td.connector")).ToHaveTextAsync("dev");
        await Expect(rows.Locator("td.type")).ToHaveTextAsync("SignIn");
        await Expect(rows.Locator("td.to")).ToHaveTextAsync("+4915112345678");
        Assert.Equal(kept.Timestamp, DateTimeOffset.Parse(await rows.Locator("td.time").GetAttributeAsync("title") ?? string.Empty, System.Globalization.CultureInfo.InvariantCulture));
        var code = await rows.Locator("td.code code").TextContentAsync();
        Assert.Matches("^[0-9]{6}$", code);
        await Expect(rows.Locator("td.text")).ToHaveTextAsync($"Your sign-in code is {code}. It expires in 5 minutes.");

        // A second one, to another number, comes first; the filter by number shows one of them.
        var other = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = "+4915187654321", type = "Register" });
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First.Locator("td.to")).ToHaveTextAsync("+4915187654321");
        await Expect(page.Locator("#summary")).ToHaveTextAsync("2 messages");
        await page.Locator("#filter").FillAsync("151 1234");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td.to")).ToHaveTextAsync("+4915112345678");
        await Expect(page.Locator("#summary")).ToHaveTextAsync("2 messages, 1 shown");

        // The copy button puts the code on the clipboard.
        var copy = rows.Locator("td.code button");
        await copy.ClickAsync();
        await Expect(copy).ToHaveTextAsync("Copied");
        Assert.Equal(code, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // The screenshot in the README (docs/outbox-page.png is a copy of it).
        await page.Locator("#filter").FillAsync(string.Empty);
        await page.Locator("#filter").BlurAsync();
        await page.Mouse.MoveAsync(0, 0);
        await Expect(rows).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(AppContext.BaseDirectory, "outbox-page.png"),
            Animations = ScreenshotAnimations.Disabled,
            Clip = new() { X = 0, Y = 0, Width = 1280, Height = 240 },
        });

        var verified = await sample.Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);

        await page.Locator("#clear").ClickAsync();
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.Locator("#empty")).ToBeVisibleAsync();
        Assert.Empty(sample.Outbox.Messages);

        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded");
        Assert.Empty(external);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task A_text_with_markup_shows_as_that_text()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var host = await OutboxPageHost.StartAsync(sms: services => services.AddSmsConnectors().AddOutbox("dev", outbox =>
            outbox.Templates = [new() { UsageType = "Generic", Content = "Hello {{name}}, your code is {{code}}." }]));
        List<string> external = [], errors = [];
        var page = await chromium.NewPageAsync(external, errors);
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, "/dev/sms").ToString());
        await Expect(page.Locator("#status")).ToHaveTextAsync("live");

        const string Name = """<img src="x" onerror="window.injected = 'img'"><script>window.injected = 'script'</script><b>bold</b>""";
        const string Code = "<i>1234</i>";
        await host.Sms.SendAsync(new SmsMessage
        {
            To = "+4915112345678",
            Type = SmsUsageType.Generic,
            Payload = new Dictionary<string, object?> { ["name"] = Name, ["code"] = Code },
        });

        var rows = page.Locator("#rows tr");
        await Expect(rows).ToHaveCountAsync(1);
        Assert.Equal($"Hello {Name}, your code is {Code}.", await rows.Locator("td.text").TextContentAsync());
        Assert.Equal(Code, await rows.Locator("td.code code").TextContentAsync());
        Assert.Equal(0, await page.Locator("#rows img, #rows script, #rows b, #rows i").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => window.injected ?? null"));
        Assert.Empty(external);
        Assert.Empty(errors);
    }
}
