using BenchmarkDotNet.Running;
using SmsConnectors.Benchmarks;

// `-- throughput [--smoke] [--sends N] [--rounds R]` runs the loopback throughput table; anything else goes to BenchmarkDotNet.
return args is ["throughput", .. var rest]
    ? await ThroughputRunner.RunAsync(rest)
    : BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0;
