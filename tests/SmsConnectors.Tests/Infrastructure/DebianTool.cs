namespace SmsConnectors.Tests.Infrastructure;

/// <summary>
/// A program from a Debian package that some tests run for real (redis-server, chromium). Without
/// it, the calling <c>[SkippableFact]</c> is skipped with a message saying how to install it, except
/// under CI (<c>CI=true</c>), where it fails: those tests never pass silently.
/// </summary>
public static class DebianTool
{
    /// <summary>Where <paramref name="name"/> is: <c>/usr/bin/</c>, else the first on PATH, else <see langword="null"/>.</summary>
    public static string? Find(string name)
    {
        var debian = Path.Combine("/usr/bin", name);
        if (File.Exists(debian))
        {
            return debian;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Where <paramref name="name"/> is; when it is missing, skips the calling test, or fails it under CI.
    /// </summary>
    /// <param name="name">The program, for example <c>redis-server</c>.</param>
    /// <param name="package">The Debian package that installs it.</param>
    /// <param name="tests">Which tests need it, for the message: "the Redis tests".</param>
    public static string Require(string name, string package, string tests)
    {
        if (Find(name) is { } binary)
        {
            return binary;
        }

        var install = $"{name} is not installed (looked for /usr/bin/{name} and on PATH); install it with `apt-get install -y {package}` to run {tests}.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true, so {tests} must run, but {install}");
        }

        throw new SkipException(install);
    }
}
