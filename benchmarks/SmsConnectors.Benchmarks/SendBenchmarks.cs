using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace SmsConnectors.Benchmarks;

/// <summary>
/// One send per vendor against a handler that answers at once, beside the raw floor: an
/// <see cref="HttpClient"/> sending the same bytes (and, for Tencent, signing them the same way).
/// </summary>
[MemoryDiagnoser]
public class SendBenchmarks
{
    private static readonly Uri BaseAddress = new("http://127.0.0.1:5999/");

    private ServiceProvider _provider = null!;
    private ISmsConnector _connector = null!;
    private RawSender _raw = null!;
    private HttpClient _client = null!;
    private SmsMessage _message = null!;

    [Params(Vendor.Http, Vendor.Seven, Vendor.SmsAero, Vendor.Tencent)]
    public Vendor Vendor { get; set; }

    /// <summary>
    /// Synchronous on purpose: BenchmarkDotNet's in-process toolchain (the CI smoke run) drops an
    /// exception from an asynchronous setup and runs the benchmark anyway.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var captured = CapturedRequest.OfAsync(Vendor, BaseAddress).GetAwaiter().GetResult();
        var answer = Vendors.SuccessAnswer(Vendor);
        _provider = Vendors.Build(Vendor, BaseAddress, () => new FixedAnswerHandler(answer));
        _connector = _provider.GetRequiredService<ISmsConnector>();
        _message = Vendors.MessageFor(Vendor);
#pragma warning disable RS0030 // The floor is a raw HttpClient on purpose.
        _client = new HttpClient(new FixedAnswerHandler(answer));
#pragma warning restore RS0030
        _raw = new RawSender(_client, captured, Vendor, TimeProvider.System);
        var result = _connector.SendAsync(_message).GetAwaiter().GetResult();
        if (result.MessageId is null)
        {
            throw new InvalidOperationException($"The setup send returned no message id: {result}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _provider.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> RawHttpClient() => _raw.SendAsync();

    [Benchmark]
    public Task<SmsSendResult> Connector() => _connector.SendAsync(_message);
}
