using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace SmsConnectors.Benchmarks;

/// <summary>
/// Sends through a loopback stub with a raw <see cref="HttpClient"/> (the same bytes, Tencent signed
/// the same way) and with each vendor's connector, in interleaved rounds at concurrency 1 and 32, and
/// prints the median sends per second of each and its ratio to its raw floor.
/// </summary>
public static class ThroughputRunner
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var sends = Option(args, "--sends", smoke ? 200 : 8000);
        var rounds = Option(args, "--rounds", smoke ? 1 : 11);
        int[] concurrencies = [32, 1];

        await using var stub = await LoopbackVendor.StartAsync();
        var runners = new List<Runner>();
        foreach (var vendor in Enum.GetValues<Vendor>())
        {
            var captured = await CapturedRequest.OfAsync(vendor, stub.BaseAddress);
#pragma warning disable RS0030 // The floor is a raw HttpClient on purpose.
            var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
#pragma warning restore RS0030
            var raw = new RawSender(client, captured, vendor, TimeProvider.System);
            var provider = Vendors.Build(vendor, stub.BaseAddress);
            var connector = provider.GetRequiredService<ISmsConnector>();
            var message = Vendors.MessageFor(vendor);
            runners.Add(new Runner($"raw HttpClient, {vendor} bytes", vendor, IsRaw: true, ct => raw.SendAsync(ct), [client]));
            runners.Add(new Runner($"{vendor} connector", vendor, IsRaw: false, ct => connector.SendAsync(message, ct), [provider]));
        }

        var results = new Dictionary<(string Runner, int Concurrency), List<double>>();
        foreach (var concurrency in concurrencies)
        {
            foreach (var runner in runners)
            {
                await WarmUpAsync(runner, concurrency, smoke ? TimeSpan.Zero : WarmUp);
            }

            // Each round measures every vendor's raw floor and connector back to back (in turns
            // first), so a ratio compares two runs made under the same conditions.
            for (var round = 0; round < rounds; round++)
            {
                foreach (var runner in round % 2 == 0 ? runners : Enumerable.Reverse(runners))
                {
                    var rate = await MeasureAsync(runner, concurrency, sends);
                    (results.TryGetValue((runner.Name, concurrency), out var list) ? list : results[(runner.Name, concurrency)] = []).Add(rate);
                }
            }
        }

        Console.WriteLine($"{sends} sends per round, {rounds} round(s), rounds interleaved; \"vs raw\" is the median of each round's ratio to the floor measured beside it; {Environment.ProcessorCount} cores, .NET {Environment.Version}, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| runner | sends/s (c=32) | vs raw | sends/s (c=1) | vs raw |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var runner in runners)
        {
            var floor = runners.First(r => r.IsRaw && r.Vendor == runner.Vendor);
            var cells = concurrencies.Select(c =>
            {
                var rates = results[(runner.Name, c)];
                var median = Median(rates);
                var ratio = Median([.. rates.Zip(results[(floor.Name, c)], (rate, floorRate) => rate / floorRate)]);
                return $"{median.ToString("N0", CultureInfo.InvariantCulture)} | {ratio.ToString("0.00", CultureInfo.InvariantCulture)}";
            });
            Console.WriteLine($"| {runner.Name} | {string.Join(" | ", cells)} |");
        }

        foreach (var runner in runners)
        {
            foreach (var owned in runner.Owned)
            {
                owned.Dispose();
            }
        }

        return 0;
    }

    /// <summary>
    /// Sends until <paramref name="duration"/> has passed (at least one batch), not counted: the JIT
    /// tiers a method up only after it has run a while, so a short warm-up favours the runner with
    /// the least code.
    /// </summary>
    private static async Task WarmUpAsync(Runner runner, int concurrency, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        do
        {
            await MeasureAsync(runner, concurrency, 500);
        }
        while (Stopwatch.GetElapsedTime(started) < duration);
    }

    private static async Task<double> MeasureAsync(Runner runner, int concurrency, int sends)
    {
        var remaining = sends;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await runner.Send(CancellationToken.None);
            }
        }));
        await Task.WhenAll(workers);
        return sends / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Runner(string Name, Vendor Vendor, bool IsRaw, Func<CancellationToken, Task> Send, IDisposable[] Owned);
}
