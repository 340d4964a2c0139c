using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmsConnectors.Outbox;
using SmsConnectors.Templates;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Outbox;

public class OutboxFileTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static ServiceProvider Build(string filePath, ManualTimeProvider? clock = null) =>
        TestHost.Build(
            services => services.AddSmsConnectors().AddOutbox("dev", o =>
            {
                o.FilePath = filePath;
                o.Templates.Add(new SmsTextTemplate { UsageType = "SignIn", Content = "Code: {{code}} \"ok\" <b>ü" });
                o.Templates.Add(new SmsTextTemplate { UsageType = "Generic", Content = "Другой код: {{code}}" });
            }),
            timeProvider: clock ?? new ManualTimeProvider(Start));

    [Fact]
    public async Task Appends_one_json_line_per_message()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("nested", "deeper", "sms.jsonl");
        var clock = new ManualTimeProvider(Start);
        using var provider = Build(path, clock);
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(SmsMessage.ForCode("+49 151 1234 5678", SmsUsageType.SignIn, "111111"));
        clock.Advance(TimeSpan.FromSeconds(30));
        await connector.SendAsync(SmsMessage.ForCode("+8613800138000", SmsUsageType.Register, "222222") with { Ip = "198.51.100.4" });

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2, lines.Length);
        var kept = provider.GetRequiredService<ISmsOutbox>().Messages;

        using (var first = JsonDocument.Parse(lines[0]))
        {
            var root = first.RootElement;
            Assert.Equal(kept[0].Id, root.GetProperty("id").GetString());
            Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), root.GetProperty("timestamp").GetDateTimeOffset());
            Assert.Equal("dev", root.GetProperty("connector").GetString());
            Assert.Equal("+4915112345678", root.GetProperty("to").GetString());
            Assert.Equal("SignIn", root.GetProperty("type").GetString());
            Assert.Equal("Code: 111111 \"ok\" <b>ü", root.GetProperty("text").GetString());
            Assert.Equal("111111", root.GetProperty("code").GetString());
            Assert.False(root.TryGetProperty("ip", out _));
            Assert.Equal(["id", "timestamp", "connector", "to", "type", "text", "code"], root.EnumerateObject().Select(p => p.Name));
        }

        using (var second = JsonDocument.Parse(lines[1]))
        {
            var root = second.RootElement;
            Assert.Equal(kept[1].Id, root.GetProperty("id").GetString());
            Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 35, TimeSpan.Zero), root.GetProperty("timestamp").GetDateTimeOffset());
            Assert.Equal("+8613800138000", root.GetProperty("to").GetString());
            Assert.Equal("Register", root.GetProperty("type").GetString());
            Assert.Equal("Другой код: 222222", root.GetProperty("text").GetString());
            Assert.Equal("222222", root.GetProperty("code").GetString());
            Assert.Equal("198.51.100.4", root.GetProperty("ip").GetString());
            Assert.Equal(["id", "timestamp", "connector", "to", "type", "text", "code", "ip"], root.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task A_numeric_code_is_written_as_text_and_a_message_without_code_has_no_code_field()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("sms.jsonl");
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev", o =>
        {
            o.FilePath = path;
            o.Templates.Add(new SmsTextTemplate { UsageType = "Welcome", Content = "Welcome aboard." });
            o.Templates.Add(new SmsTextTemplate { UsageType = "Generic", Content = "Code: {{code}}" });
        }));
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(new SmsMessage
        {
            To = "+4915112345678",
            Type = SmsUsageType.SignIn,
            Payload = new Dictionary<string, object?> { ["code"] = 42 },
        });
        await connector.SendAsync(new SmsMessage { To = "+4915112345678", Type = new SmsUsageType("Welcome") });

        var lines = await File.ReadAllLinesAsync(path);
        using var withCode = JsonDocument.Parse(lines[0]);
        using var withoutCode = JsonDocument.Parse(lines[1]);
        Assert.Equal("42", withCode.RootElement.GetProperty("code").GetString());
        Assert.Equal("Welcome aboard.", withoutCode.RootElement.GetProperty("text").GetString());
        Assert.False(withoutCode.RootElement.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task A_relative_path_is_resolved_against_the_hosts_content_root()
    {
        using var contentRoot = new TempDirectory();
        var relative = Path.Combine("outbox", $"{Guid.NewGuid():N}.jsonl");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot.Path, DisableDefaults = true });
        builder.Services.AddSmsConnectors().AddOutbox("dev", o => o.FilePath = relative);
        using var host = builder.Build();
        Assert.NotEqual(Path.GetFullPath(contentRoot.Path), Path.GetFullPath(Environment.CurrentDirectory));

        await host.Services.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "314159"));

        var line = Assert.Single(await File.ReadAllLinesAsync(contentRoot.Combine(relative)));
        Assert.Contains("\"code\":\"314159\"", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.GetFullPath(relative)));
    }

    [Fact]
    public async Task Without_a_host_a_relative_path_is_resolved_against_the_working_directory()
    {
        var relative = Path.Combine($"SmsConnectors.Tests.{Guid.NewGuid():N}", "sms.jsonl");
        var expected = Path.GetFullPath(relative);
        try
        {
            using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev", o => o.FilePath = relative));

            await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "271828"));

            Assert.Single(await File.ReadAllLinesAsync(expected));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(expected)!, recursive: true);
        }
    }

    [Fact]
    public async Task Each_line_ends_with_a_newline_and_the_file_grows()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("sms.jsonl");
        await File.WriteAllTextAsync(path, "{\"existing\":true}\n");
        using var provider = Build(path);

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1"));

        var text = await File.ReadAllTextAsync(path);
        Assert.StartsWith("{\"existing\":true}\n{", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Count(c => c == '\n'));
    }

    [Fact]
    public async Task Concurrent_sends_write_whole_lines()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("sms.jsonl");
        using var provider = Build(path);
        var connector = provider.GetRequiredService<ISmsConnector>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 100), async (i, ct) =>
            await connector.SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct));

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(100, lines.Length);
        var ids = lines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.GetProperty("id").GetString()!;
        }).ToHashSet();
        Assert.Equal(provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Id).ToHashSet(), ids);
    }

    [Fact]
    public async Task Unwritable_file_is_a_connector_error_and_keeps_nothing()
    {
        using var directory = new TempDirectory();
        // The path names an existing directory, so the file cannot be opened.
        using var provider = Build(directory.Path);

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(
            () => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "907316")));

        Assert.Equal(SmsErrorCode.General, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Equal("dev", exception.ConnectorName);
        Assert.DoesNotContain("907316", exception.Message, StringComparison.Ordinal);
        Assert.Empty(provider.GetRequiredService<ISmsOutbox>().Messages);
    }

    [Fact]
    public async Task Failed_render_writes_no_line()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("sms.jsonl");
        using var provider = Build(path);

        await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(
            new SmsMessage { To = "+4915112345678", Type = SmsUsageType.SignIn }));

        Assert.False(File.Exists(path));
    }
}
