namespace SmsConnectors.Tests.Infrastructure;

/// <summary>
/// Tests that measure time or load the machine: they run on their own, after the parallel tests,
/// so that neither disturbs the other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
