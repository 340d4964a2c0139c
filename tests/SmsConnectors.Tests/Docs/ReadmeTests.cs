using System.Text.RegularExpressions;

namespace SmsConnectors.Tests.Docs;

/// <summary>
/// README.md quotes files the build compiles: each C# block is the text of one of them, so the
/// README's code cannot drift from code that builds and is tested.
/// </summary>
public sealed partial class ReadmeTests
{
    /// <summary>The README's C# blocks, in order, and the compiled file each one is quoted from.</summary>
    private static readonly string[] QuotedFiles =
    [
        "samples/SmsConnectors.Samples.WebApi/SampleApp.cs",
        "samples/SmsConnectors.Samples.WebApi/RequestPasscode.cs",
        "samples/SmsConnectors.Samples.WebApi/VerifyPasscode.cs",
        "samples/SmsConnectors.Samples.WebApi/DeliveryReportLogger.cs",
        "tests/SmsConnectors.Tests/Samples/SignInTests.cs",
        "samples/SmsConnectors.Samples.WebApi/PasscodeProblems.cs",
        "samples/SmsConnectors.Samples.WebApi/SampleTelemetry.cs",
    ];

    private static readonly string Root = FindRepositoryRoot();

    private static readonly string Readme = Read("README.md");

    [Fact]
    public void Every_csharp_block_is_quoted_verbatim_from_a_compiled_file()
    {
        var blocks = FencedBlocks("csharp");

        Assert.Equal(QuotedFiles.Length, blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            Assert.True(
                Read(QuotedFiles[i]).Contains(blocks[i], StringComparison.Ordinal),
                $"README.md's C# block {i + 1} is not the text of {QuotedFiles[i]}:\n{blocks[i]}");
        }
    }

    [Fact]
    public void Every_csharp_block_starts_with_its_using_directives()
    {
        Assert.All(FencedBlocks("csharp"), block => Assert.StartsWith("using ", block, StringComparison.Ordinal));
    }

    [Fact]
    public void The_configuration_shown_is_the_samples_appsettings_json()
    {
        Assert.Contains(Read("samples/SmsConnectors.Samples.WebApi/appsettings.json").TrimEnd('\n'), FencedBlocks("json"));
    }

    [Fact]
    public void The_first_screen_installs_the_package_then_runs_the_sample_and_the_tests()
    {
        var shell = FencedBlocks("bash");

        Assert.Equal("dotnet add package SmsConnectors", shell[0]);
        Assert.StartsWith("dotnet run --project samples/SmsConnectors.Samples.WebApi", shell[1], StringComparison.Ordinal);
        Assert.EndsWith("dotnet test SmsConnectors.sln -c Release", shell[1], StringComparison.Ordinal);
        Assert.True(Readme.IndexOf("```bash", StringComparison.Ordinal) < Readme.IndexOf("```csharp", StringComparison.Ordinal));
    }

    [Fact]
    public void Links_are_absolute_so_they_work_on_the_package_page()
    {
        var links = LinkTarget().Matches(Readme).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link, StringComparison.Ordinal));
        Assert.All(
            links.Where(link => link.StartsWith("https://github.com/sms-connectors/sms-connectors/blob/", StringComparison.Ordinal)),
            link => Assert.True(File.Exists(Path.Combine(Root, link["https://github.com/sms-connectors/sms-connectors/blob/main/".Length..])), link));
    }

    private static List<string> FencedBlocks(string language) =>
        [.. FencedBlock().Matches(Readme).Where(m => m.Groups["language"].Value == language).Select(m => m.Groups["code"].Value.TrimEnd('\n'))];

    private static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(Root, relativePath)).ReplaceLineEndings("\n");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmsConnectors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SmsConnectors.sln was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A fenced block at the start of a line (indented blocks in lists included): its language and its text.</summary>
    [GeneratedRegex(@"^[ ]*```(?<language>[a-z]+)\n(?<code>.*?)^[ ]*```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    /// <summary>The target of a Markdown link <c>[text](target)</c>.</summary>
    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkTarget();
}
