using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmsConnectors.Tests.Faults;

/// <summary>How the server ends its part of one request.</summary>
public enum FaultEnd
{
    /// <summary>Keeps the connection open and reads the next request on it.</summary>
    KeepOpen,

    /// <summary>Closes the connection normally (FIN).</summary>
    Close,

    /// <summary>Resets the connection (RST).</summary>
    Reset,

    /// <summary>Stops listening, so that new connections are refused, then closes the connection (FIN).</summary>
    Die,
}

/// <summary>
/// What the server does with one request: whether it reads the body (else only the head), the bytes
/// it writes (possibly in two parts with a pause between them, possibly none) and how it ends.
/// </summary>
public sealed record FaultReaction(bool ReadBody, byte[] Answer, FaultEnd End, byte[]? AnswerAfterPause = null)
{
    public static FaultReaction Reply(byte[] answer) => new(ReadBody: true, answer, FaultEnd.KeepOpen);

    public static FaultReaction Silent(bool readBody, FaultEnd end) => new(readBody, [], end);
}

/// <summary>A request as the fault server read it: which one it was, on which connection, its head and the body it read.</summary>
public sealed record FaultRequest(int Index, int Connection, int IndexOnConnection, string Head, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A raw TCP server on 127.0.0.1 that misbehaves on purpose: for each request, whose head it has
/// read (which is when it counts the request as received), a script chosen by the request's index
/// says whether to read the body, what to answer and how to end (keep the connection, FIN, RST, or
/// stop listening).
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, FaultReaction> _script;
    private readonly ConcurrentQueue<FaultRequest> _received = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _accepting;
    private int _requests;
    private int _connectionCount;
    private int _listening = 1;

    public FaultServer(Func<int, FaultReaction> script)
    {
        _script = script;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>Gets how many request heads the server has read.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets how many connections the server accepted.</summary>
    public int Connections => Volatile.Read(ref _connectionCount);

    /// <summary>Gets every request read so far, in order.</summary>
    public IReadOnlyList<FaultRequest> Received => [.. _received.OrderBy(r => r.Index)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        StopListening();
        await Task.WhenAll([_accepting, .. _connections]).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void StopListening()
    {
        if (Interlocked.Exchange(ref _listening, 0) == 1)
        {
            _listener.Stop();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested && Volatile.Read(ref _listening) == 1)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var connection = Interlocked.Increment(ref _connectionCount) - 1;
            _connections.Add(Task.Run(() => ServeAsync(socket, connection)));
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        var pending = new List<byte>();
        var buffer = new byte[8192];
        try
        {
            for (var onConnection = 0; ; onConnection++)
            {
                var headEnd = await FillUntilAsync(socket, pending, buffer, () => IndexOfHeadEnd(pending));
                if (headEnd < 0)
                {
                    socket.Dispose();
                    return;
                }

                var head = Encoding.Latin1.GetString([.. pending.GetRange(0, headEnd)]);
                pending.RemoveRange(0, headEnd + 4);
                var index = Interlocked.Increment(ref _requests) - 1;
                var reaction = _script(index);
                var body = Array.Empty<byte>();
                if (reaction.ReadBody)
                {
                    var length = ContentLength(head);
                    await FillUntilAsync(socket, pending, buffer, () => pending.Count >= length ? length : -1);
                    body = [.. pending.GetRange(0, Math.Min(length, pending.Count))];
                    pending.RemoveRange(0, body.Length);
                }

                _received.Enqueue(new FaultRequest(index, connection, onConnection, head, body));
                if (reaction.Answer.Length > 0)
                {
                    await socket.SendAsync(reaction.Answer, SocketFlags.None, _stop.Token);
                }

                if (reaction.AnswerAfterPause is { } rest)
                {
                    await Task.Delay(Pause, _stop.Token);
                    await socket.SendAsync(rest, SocketFlags.None, _stop.Token);
                }

                switch (reaction.End)
                {
                    case FaultEnd.KeepOpen:
                        continue;
                    case FaultEnd.Close:
                        Close(socket);
                        return;
                    case FaultEnd.Reset:
                        await Task.Delay(reaction.AnswerAfterPause is null && reaction.Answer.Length > 0 ? Pause : TimeSpan.Zero, _stop.Token);
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Close();
                        return;
                    case FaultEnd.Die:
                        StopListening();
                        Close(socket);
                        return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            socket.Dispose();
        }
    }

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        socket.Close();
    }

    /// <summary>Reads until <paramref name="found"/> gives a position, or the peer closes (then -1).</summary>
    private async Task<int> FillUntilAsync(Socket socket, List<byte> pending, byte[] buffer, Func<int> found)
    {
        while (true)
        {
            var position = found();
            if (position >= 0)
            {
                return position;
            }

            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return -1;
            }

            pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static int IndexOfHeadEnd(List<byte> pending)
    {
        for (var i = 0; i + 3 < pending.Count; i++)
        {
            if (pending[i] == '\r' && pending[i + 1] == '\n' && pending[i + 2] == '\r' && pending[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
