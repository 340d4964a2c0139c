namespace SmsConnectors.AspNetCore;

/// <summary>The names this package's endpoints log and measure under.</summary>
public static class SmsConnectorsEndpoints
{
    /// <summary>The log category of the endpoints' lines.</summary>
    public const string LogCategory = "SmsConnectors.AspNetCore";
}
