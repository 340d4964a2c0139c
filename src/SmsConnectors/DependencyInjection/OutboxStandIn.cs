using SmsConnectors.Templates;

namespace SmsConnectors.DependencyInjection;

/// <summary>What an Outbox connector that stands in for a vendor connector in tests keeps of it.</summary>
/// <param name="Templates">The vendor's text templates; empty for a vendor whose texts live at the vendor (Tencent).</param>
/// <param name="AllowUnresolvedPlaceholders">The vendor's setting of the same name.</param>
internal sealed record OutboxStandIn(IReadOnlyList<SmsTextTemplate> Templates, bool AllowUnresolvedPlaceholders);
