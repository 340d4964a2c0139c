using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace SmsConnectors.Validation;

/// <summary>
/// How configuration problems are reported: at startup (a configuration that never was valid) they
/// fail validation, so the app does not start; after a reload they are recorded against the
/// rejected options instance instead, so that the reload itself never throws (the options monitor
/// validates inside it) and the connector keeps sending with its last valid configuration.
/// </summary>
internal sealed class ReloadTolerance
{
    private static readonly ConditionalWeakTable<object, Rejection> Rejected = [];
    private readonly Lock _lock = new();
    private readonly Dictionary<string, object> _lastValid = new(StringComparer.Ordinal);

    /// <summary>Gets why an options instance was rejected after a reload, and the last valid instance of its name, if it was.</summary>
    public static bool TryGetRejection(object options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Rejection? rejection) =>
        Rejected.TryGetValue(options, out rejection);

    /// <summary>The validation result for <paramref name="options"/> with <paramref name="problems"/>.</summary>
    public ValidateOptionsResult Apply(string? name, object options, IReadOnlyList<string> problems)
    {
        var key = name ?? string.Empty;
        object? lastValid;
        lock (_lock)
        {
            if (problems.Count == 0)
            {
                _lastValid[key] = options;
                return ValidateOptionsResult.Success;
            }

            if (!_lastValid.TryGetValue(key, out lastValid))
            {
                return ValidateOptionsResult.Fail(problems);
            }
        }

        Rejected.AddOrUpdate(options, new Rejection(problems, lastValid));
        return ValidateOptionsResult.Success;
    }
}
