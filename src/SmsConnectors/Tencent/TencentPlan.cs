using SmsConnectors.Sending;

namespace SmsConnectors.Tencent;

/// <summary>The Tencent connector's plan: its one endpoint and the host it signs and calls, worked out once per options instance.</summary>
internal sealed class TencentPlan : ConnectorPlan<TencentOptions>
{
    public TencentPlan(TencentOptions options)
        : base(options, [new Uri(new Uri(options.Endpoint, UriKind.Absolute), "/")], templates: null)
    {
        Host = Tc3Signer.HostOf(BaseAddresses[0]);
    }

    /// <summary>Gets the host of the endpoint, as signed and sent in <c>Host</c>.</summary>
    public string Host { get; }
}
