using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) on a free port of 127.0.0.1, with nothing saved to
/// disk, started for one test and killed on dispose. A test may kill it mid-run and start it again
/// on the same port. Without the binary, the test is skipped with a message saying how to install
/// it, except under CI (<c>CI=true</c>), where it fails: the Redis tests never pass silently.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _binary;
    private readonly TempDirectory _directory = new();
    private readonly List<string> _output = [];
    private Process? _process;
    private ConnectionMultiplexer? _admin;

    private RedisServer(string binary, int port, string? password)
    {
        _binary = binary;
        Port = port;
        Password = password;
    }

    /// <summary>Gets the port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets the password the server requires, if any.</summary>
    public string? Password { get; }

    /// <summary>Gets the StackExchange.Redis configuration string of the server (with its password, if any).</summary>
    public string Configuration => Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    /// <summary>Gets whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts a server and waits until it answers PING. Skips the calling <c>[SkippableFact]</c> when
    /// redis-server is not installed, or fails it under CI.
    /// </summary>
    public static async Task<RedisServer> StartAsync(string? password = null)
    {
        var binary = DebianTool.Require("redis-server", "redis-server", "the Redis tests");

        // A free port can be taken by someone else between the probe and the start: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(binary, FreePort(), password);
            try
            {
                await server.RestartAsync();
                return server;
            }
            catch (InvalidOperationException)
            {
                await server.DisposeAsync();
                if (attempt == 3)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>(Re)starts the server on its port, empty, and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The Redis server is already running.");
        }

        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory.Path,
        };
        foreach (var argument in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory.Path])
        {
            start.ArgumentList.Add(argument);
        }

        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} on port {Port}:\n{Output}");
            }

            if (await AnswersPingAsync())
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                Kill();
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It had exited already.
            }

            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>A connection for the test's own look at the server (keys, time to live), with admin commands allowed.</summary>
    public async Task<IServer> AdminAsync()
    {
        _admin ??= await ConnectionMultiplexer.ConnectAsync(Configuration + ",allowAdmin=true");
        return _admin.GetServer("127.0.0.1", Port);
    }

    /// <summary>The database the test's own connection reads.</summary>
    public async Task<IDatabase> DatabaseAsync()
    {
        await AdminAsync();
        return _admin!.GetDatabase();
    }

    /// <summary>Every key on the server that starts with <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string prefix)
    {
        var server = await AdminAsync();
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        Kill();
        _directory.Dispose();
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            var request = Password is null ? "PING\r\n" : $"AUTH {Password}\r\nPING\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            var buffer = new byte[256];
            var answer = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            while (!answer.ToString().Contains("+PONG", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return false;
                }

                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return true;
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
