using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmsConnectors.Sending;

namespace SmsConnectors.Health;

/// <summary>
/// One connector's health: <c>Unhealthy</c> when it cannot send at all (no valid configuration, or
/// the vendor refuses its credentials); <c>Degraded</c> when its circuit is open, when it runs on its
/// last valid configuration after a rejected reload, or when its balance is below the minimum (or
/// cannot be read); otherwise <c>Healthy</c>. The data says why, never with a secret.
/// </summary>
internal sealed class SmsConnectorHealthCheck(string connectorName, string provider, IServiceProvider services, BalanceCache balances) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["connector"] = connectorName, ["provider"] = provider };
        ISmsConnector connector;
        try
        {
            connector = services.GetRequiredKeyedService<ISmsConnector>(connectorName);
        }
        catch (Exception exception) when (exception is InvalidOperationException or SmsConnectorException)
        {
            return Unhealthy(data, $"The connector cannot be created: {exception.Message}");
        }

        if (connector is not IConnectorCondition known)
        {
            return HealthCheckResult.Healthy("The connector is registered.", data);
        }

        var condition = known.Condition();
        if (condition.Circuit is { } circuit)
        {
            data["circuit"] = circuit;
        }

        if (!condition.CanSend)
        {
            return Unhealthy(data, condition.Problem ?? "The connector has no valid configuration.");
        }

        var problem = condition.Problem;
        if (known.OptionsInForce() is SmsVendorOptions { HealthCheck: { CheckBalance: true } health } && connector is ISmsBalanceProvider balanceProvider)
        {
            var read = await balances.GetAsync(connectorName, balanceProvider, health.Interval).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (read.Failure is { } failure)
            {
                if (failure.Code is SmsErrorCode.AuthorizationFailed or SmsErrorCode.InvalidConfig)
                {
                    return Unhealthy(data, $"The vendor refuses the connector's credentials or set-up: {failure.Message}");
                }

                problem ??= $"The balance could not be read: {failure.Message}";
            }
            else if (read.Balance is { } balance)
            {
                var amount = balance.Amount ?? balance.RemainingMessages;
                data["balance"] = amount?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
                if (balance.Currency is { } currency)
                {
                    data["currency"] = currency;
                }

                if (amount < health.MinimumBalance)
                {
                    problem ??= string.Create(CultureInfo.InvariantCulture, $"The balance ({amount}) is below the minimum of {health.MinimumBalance}.");
                }
            }
        }

        if (problem is not null)
        {
            data["reason"] = problem;
            return HealthCheckResult.Degraded(problem, data: data);
        }

        return HealthCheckResult.Healthy("The connector can send.", data);
    }

    private static HealthCheckResult Unhealthy(Dictionary<string, object> data, string reason)
    {
        data["reason"] = reason;
        return HealthCheckResult.Unhealthy(reason, data: data);
    }
}
