using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SmsConnectors.Sending;

/// <summary>
/// The plans compiled from options instances, keyed by the instance: the validator and the
/// connector share one compilation, and a plan lives as long as its options instance.
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
/// <typeparam name="TPlan">The plan.</typeparam>
internal static class PlanCache<TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TPlan>
    where TOptions : class
    where TPlan : class
{
    private static readonly ConditionalWeakTable<TOptions, TPlan> Plans = [];

    public static TPlan Get(TOptions options, Func<TOptions, TPlan> compile) =>
        Plans.TryGetValue(options, out var plan) ? plan : Compile(options, compile);

    /// <summary>Compiles and keeps a plan; apart from <see cref="Get"/> so that a plan found allocates no callback.</summary>
    private static TPlan Compile(TOptions options, Func<TOptions, TPlan> compile) =>
        Plans.GetValue(options, new ConditionalWeakTable<TOptions, TPlan>.CreateValueCallback(compile));
}
