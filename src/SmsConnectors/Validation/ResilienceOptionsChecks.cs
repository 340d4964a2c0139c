using SmsConnectors.Resilience;

namespace SmsConnectors.Validation;

/// <summary>Startup checks of the <c>Resilience</c> and <c>RateLimit</c> keys, within the ranges the pipeline accepts.</summary>
internal static class ResilienceOptionsChecks
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);
    private static readonly TimeSpan MinWindow = TimeSpan.FromMilliseconds(500);

    public static void Check(OptionsProblems problems, SmsResilienceOptions? resilience, SmsRateLimitOptions? rateLimit)
    {
        if (resilience is null)
        {
            problems.Add("Resilience", "must not be null");
            return;
        }

        Within(problems, resilience.TotalTimeout, MinTimeout, MaxTimeout, "Resilience:TotalTimeout");
        Within(problems, resilience.AttemptTimeout, MinTimeout, MaxTimeout, "Resilience:AttemptTimeout");
        Within(problems, resilience.ConnectTimeout, MinTimeout, MaxTimeout, "Resilience:ConnectTimeout");
        if (resilience.AttemptTimeout > resilience.TotalTimeout)
        {
            problems.Add("Resilience:AttemptTimeout", $"({resilience.AttemptTimeout}) must not be longer than 'Resilience:TotalTimeout' ({resilience.TotalTimeout})");
        }

        if (resilience.Retry is { } retry)
        {
            if (retry.MaxRetryAttempts is < 0 or > 10)
            {
                problems.Add("Resilience:Retry:MaxRetryAttempts", "must be between 0 and 10");
            }

            Within(problems, retry.BaseDelay, TimeSpan.Zero, MaxTimeout, "Resilience:Retry:BaseDelay");
            Within(problems, retry.MaxDelay, retry.BaseDelay, MaxTimeout, "Resilience:Retry:MaxDelay");
            Within(problems, retry.MaxRetryAfter, TimeSpan.Zero, MaxTimeout, "Resilience:Retry:MaxRetryAfter");
        }
        else
        {
            problems.Add("Resilience:Retry", "must not be null");
        }

        if (resilience.CircuitBreaker is { Enabled: true } breaker)
        {
            if (!(breaker.FailureRatio > 0 && breaker.FailureRatio <= 1))
            {
                problems.Add("Resilience:CircuitBreaker:FailureRatio", "must be greater than 0 and at most 1");
            }

            if (breaker.MinimumThroughput < 2)
            {
                problems.Add("Resilience:CircuitBreaker:MinimumThroughput", "must be at least 2");
            }

            Within(problems, breaker.SamplingDuration, MinWindow, MaxTimeout, "Resilience:CircuitBreaker:SamplingDuration");
            Within(problems, breaker.BreakDuration, MinWindow, MaxTimeout, "Resilience:CircuitBreaker:BreakDuration");
        }

        if (rateLimit is not null)
        {
            if (rateLimit.PermitsPerSecond < 0)
            {
                problems.Add("RateLimit:PermitsPerSecond", "must not be negative (0 turns the limit off)");
            }

            if (rateLimit.QueueLength < 0)
            {
                problems.Add("RateLimit:QueueLength", "must not be negative");
            }
        }
    }

    private static void Within(OptionsProblems problems, TimeSpan value, TimeSpan min, TimeSpan max, string key)
    {
        if (value < min || value > max)
        {
            problems.Add(key, $"({value}) must be between {min} and {max}");
        }
    }
}
