using Microsoft.Playwright;

namespace SmsConnectors.Tests.AspNetCore.Outbox;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>), driven by Playwright, which runs it headless
/// from its own driver: nothing is downloaded. Without Chromium the calling
/// <c>[SkippableFact]</c> is skipped with a message saying how to install it, except under CI
/// (<c>CI=true</c>), where it fails: the browser tests never pass silently.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private Chromium(IPlaywright playwright, IBrowser browser) => (Playwright, Browser) = (playwright, browser);

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>Where Chromium is: <c>/usr/bin/chromium</c>, else the first <c>chromium</c> on PATH, else <see langword="null"/>.</summary>
    public static string? FindBinary()
    {
        const string Debian = "/usr/bin/chromium";
        if (File.Exists(Debian))
        {
            return Debian;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "chromium"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Launches Chromium headless. Skips the calling <c>[SkippableFact]</c> when it is not installed, or fails it under CI.</summary>
    public static async Task<Chromium> LaunchAsync()
    {
        var binary = FindBinary();
        if (binary is null)
        {
            const string Install = "Chromium is not installed (looked for /usr/bin/chromium and on PATH); install it with `apt-get install -y chromium` to run the browser tests of the Outbox page.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("CI=true, so the browser tests must run, but " + Install);
            }

            Skip.If(true, Install);
        }

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
    public async Task<IPage> NewPageAsync(List<string> external, List<string> errors, BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new()
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
