namespace SmsConnectors.Tests.Infrastructure;

/// <summary>What every failed balance request keeps: the connector's name, nothing sent, no word about a message, and no secret anywhere.</summary>
public static class BalanceChecks
{
    /// <summary>Gets the balance of the connector, which must be a balance provider.</summary>
    public static Task<SmsBalance> BalanceAsync(this ISmsConnector connector, CancellationToken cancellationToken = default) =>
        Assert.IsAssignableFrom<ISmsBalanceProvider>(connector).GetBalanceAsync(cancellationToken);

    /// <summary>Asserts the balance request fails, and that the failure says so without a secret.</summary>
    public static async Task<SmsConnectorException> BalanceFailsAsync(this ISmsConnector connector, params string[] secrets)
    {
        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.BalanceAsync());
        AssertNothingSentAndNoSecret(exception, connector.Name, secrets);
        return exception;
    }

    public static void AssertNothingSentAndNoSecret(SmsConnectorException exception, string connectorName, params string[] secrets)
    {
        Assert.Equal(connectorName, exception.ConnectorName);
        Assert.False(exception.MayHaveBeenSent);
        Assert.StartsWith($"SMS connector '{connectorName}': Reading the balance failed: ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("may have been sent", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nothing was sent", exception.Message, StringComparison.OrdinalIgnoreCase);
        var everything = string.Join("\n", exception.ToString(), exception.ProviderCode, exception.ProviderMessage, exception.RequestId);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
