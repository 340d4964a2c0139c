using Microsoft.Extensions.Options;

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

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new OptionsProblems(name ?? string.Empty);
        foreach (var problem in BindingProblems.Of(options))
        {
            problems.AddGeneral(problem);
        }

        Check(problems, options);
        return _tolerance.Apply(name, options, problems.All);
    }

    /// <summary>Checks the options' keys.</summary>
    protected abstract void Check(OptionsProblems problems, TOptions options);
}
