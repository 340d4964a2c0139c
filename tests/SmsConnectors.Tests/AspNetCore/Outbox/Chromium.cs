using Microsoft.Playwright;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.AspNetCore.Outbox;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>), headless, driven by Playwright's own driver:
/// nothing is downloaded. Without Chromium the calling <c>[SkippableFact]</c> is skipped, or fails
/// under CI (<see cref="DebianTool.Require"/>).
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private Chromium(IPlaywright playwright, IBrowser browser) => (Playwright, Browser) = (playwright, browser);

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>Launches Chromium headless. Skips the calling <c>[SkippableFact]</c> when it is not installed, or fails it under CI.</summary>
    public static async Task<Chromium> LaunchAsync()
    {
        var binary = DebianTool.Require("chromium", "chromium", "the browser tests of the Outbox page");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            // No sandbox: the tests may run as root (in CI they do), where Chromium's sandbox refuses to start.
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = binary, Headless = true, ChromiumSandbox = false, Args = ["--no-sandbox"] });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A page in a new context that refuses every request to a host other than the loopback,
    /// recording each one in <paramref name="external"/>, and records the page's errors and
    /// console errors in <paramref name="errors"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(List<string> external, List<string> errors)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 560 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        await context.RouteAsync(url => !IsLoopback(url), route =>
        {
            lock (external)
            {
                external.Add(route.Request.Url);
            }

            return route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Record(errors, "page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Record(errors, $"console {message.Type}: {message.Text}");
            }
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme is "data" or "about" || (uri.Scheme is "http" or "https" && uri.IsLoopback));

    private static void Record(List<string> list, string line)
    {
        lock (list)
        {
            list.Add(line);
        }
    }
}
