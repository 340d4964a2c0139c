namespace SmsConnectors.Validation;

/// <summary>
/// The validator of a vendor's options: the vendor checks its own keys, then the settings every
/// vendor shares (answer cap, resilience, rate limit) are checked the same way for all.
/// </summary>
/// <typeparam name="TOptions">The vendor's options.</typeparam>
internal abstract class VendorOptionsValidator<TOptions> : ConnectorOptionsValidator<TOptions>
    where TOptions : SmsVendorOptions
{
    protected sealed override void Check(OptionsProblems problems, TOptions options)
    {
        CheckVendorKeys(problems, options);
        if (options.HealthCheck is { } health && (health.Interval <= TimeSpan.Zero || health.MinimumBalance < 0))
        {
            problems.Add("HealthCheck", "must have a positive 'Interval' and a 'MinimumBalance' that is not negative");
        }

        if (options.MaxSegments < 1)
        {
            problems.Add("MaxSegments", "must be at least 1 when set");
        }

        if (options.MaxResponseBytes < 1)
        {
            problems.Add("MaxResponseBytes", "must be at least 1");
        }

        ResilienceOptionsChecks.Check(problems, options.Resilience, options.RateLimit);
    }

    /// <summary>Checks the vendor's own keys.</summary>
    protected abstract void CheckVendorKeys(OptionsProblems problems, TOptions options);
}
