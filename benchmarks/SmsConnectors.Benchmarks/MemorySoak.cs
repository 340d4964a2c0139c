using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace SmsConnectors.Benchmarks;

/// <summary>
/// Sends many messages in process, against a handler that answers at once, through the Http
/// connector and then Seven's, at concurrency 8; after every tenth of the sends it forces a full
/// blocking, compacting GC and prints the managed heap and the working set. The managed heap after
/// the last tenth must not have grown by 10% (or 256 KB) over the heap after the first tenth:
/// otherwise the run says GROWING and fails.
/// </summary>
public static class MemorySoak
{
    private const int Concurrency = 8;
    private const int Checkpoints = 10;
    private const long ToleratedGrowthBytes = 256 * 1024;
    private const double ToleratedGrowth = 0.10;

    private static readonly Uri BaseAddress = new("http://127.0.0.1:5999/");

    public static async Task<int> RunAsync(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var index = Array.IndexOf(args, "--sends");
        var sends = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : smoke ? 20_000 : 1_000_000;
        if (sends < Checkpoints)
        {
            throw new ArgumentOutOfRangeException(nameof(args), sends, $"--sends must be at least {Checkpoints}.");
        }

        Console.WriteLine(Invariant($"{sends:N0} sends per connector at concurrency {Concurrency}, in process against a handler that answers at once; a full blocking, compacting GC after every tenth; {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}"));
        var flat = true;
        foreach (var vendor in new[] { Vendor.Http, Vendor.Seven })
        {
            flat &= await SoakAsync(vendor, sends);
        }

        return flat ? 0 : 1;
    }

    private static async Task<bool> SoakAsync(Vendor vendor, int sends)
    {
        var answer = Vendors.SuccessAnswer(vendor);
        await using var provider = Vendors.Build(vendor, BaseAddress, () => new FixedAnswerHandler(answer));
        var connector = provider.GetRequiredService<ISmsConnector>();
        var message = Vendors.MessageFor(vendor);
        await SendOnceAsync(connector, message);

        Console.WriteLine();
        Console.WriteLine($"{vendor} connector");
        Console.WriteLine();
        Console.WriteLine("| sends | managed heap after full GC (KB) | GC heap size (KB) | working set (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        var start = Checkpoint(0);
        var firstTenth = start;
        var last = start;
        long allocated = 0;
        var sending = TimeSpan.Zero;
        var sent = 0;
        for (var checkpoint = 1; checkpoint <= Checkpoints; checkpoint++)
        {
            var chunk = (int)((long)sends * checkpoint / Checkpoints) - sent;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            await SendAsync(connector, message, chunk);
            sending += Stopwatch.GetElapsedTime(started);
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            sent += chunk;
            last = Checkpoint(sent);
            if (checkpoint == 1)
            {
                firstTenth = last;
            }
        }

        var growth = last - firstTenth;
        var isFlat = growth < ToleratedGrowthBytes || growth < firstTenth * ToleratedGrowth;
        Console.WriteLine();
        Console.WriteLine(Invariant($"{sends / sending.TotalSeconds:N0} sends/s, {(double)allocated / sends:N0} bytes allocated per send"));
        Console.WriteLine(Invariant($"verdict: {(isFlat ? "flat" : "GROWING")}: the managed heap went from {firstTenth / 1024.0:N0} KB after the first tenth to {last / 1024.0:N0} KB after the last ({growth / 1024.0:+#,0;-#,0;0} KB, {(double)growth / firstTenth:+0.0%;-0.0%;0.0%}); flat means under +10% or under +256 KB"));
        return isFlat;
    }

    /// <summary>Sends <paramref name="count"/> messages with <see cref="Concurrency"/> workers; a send that does not come back with the vendor's message id throws.</summary>
    private static async Task SendAsync(ISmsConnector connector, SmsMessage message, int count)
    {
        var remaining = count;
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await SendOnceAsync(connector, message);
            }
        }));
        await Task.WhenAll(workers);
    }

    private static async Task SendOnceAsync(ISmsConnector connector, SmsMessage message)
    {
        var result = await connector.SendAsync(message);
        if (result.MessageId is null)
        {
            throw new InvalidOperationException($"A send returned no message id: {result}.");
        }
    }

    /// <summary>Collects everything that can be collected, prints a row, and returns the managed heap in bytes.</summary>
    private static long Checkpoint(int sent)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var heapSize = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        Console.WriteLine(Invariant($"| {sent:N0} | {heap / 1024.0:N0} | {heapSize / 1024.0:N0} | {Environment.WorkingSet / (1024.0 * 1024.0):N1} |"));
        return heap;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
