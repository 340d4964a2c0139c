using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsConnectors.Logging;

namespace SmsConnectors.Validation;

/// <summary>
/// The validator of one kind of connector's options: the kind checks its keys, and the result is
/// reported as <see cref="ReloadTolerance"/> says (failing at startup, recorded after a reload).
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
internal abstract class ConnectorOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly ReloadTolerance _tolerance = new();
    private readonly ConditionalWeakTable<TOptions, object> _warned = [];

    /// <summary>Gets or sets where startup warnings go; set by the registration.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new OptionsProblems(name ?? string.Empty);
        foreach (var problem in BindingProblems.Of(options))
        {
            problems.AddGeneral(problem);
        }

        Check(problems, options);
        if (problems.Warnings.Count > 0 && _warned.TryAdd(options, options))
        {
            foreach (var warning in problems.Warnings)
            {
                SmsLog.ConfigurationWarning(Logger, warning);
            }
        }

        return _tolerance.Apply(name, options, problems.All);
    }

    /// <summary>Checks the options' keys.</summary>
    protected abstract void Check(OptionsProblems problems, TOptions options);
}
