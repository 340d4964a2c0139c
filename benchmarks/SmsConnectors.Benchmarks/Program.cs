using BenchmarkDotNet.Running;
using SmsConnectors.Benchmarks;

// `-- throughput [--smoke] [--sends N] [--rounds R]` runs the loopback throughput table, `-- soak [--smoke] [--sends N]`
// the memory soak; anything else goes to BenchmarkDotNet, which fails when a benchmark did (a setup that threw, a send refused).
return args is ["throughput", .. var rest]
    ? await ThroughputRunner.RunAsync(rest)
    : args is ["soak", .. var soakArgs]
    ? await MemorySoak.RunAsync(soakArgs)
    : BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args)
        .Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
