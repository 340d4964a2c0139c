namespace SmsConnectors.Guard;

/// <summary>The guard's refusal reasons as bounded tag values (<c>per_number</c>, <c>cooldown</c>, ...).</summary>
internal static class GuardReasons
{
    public static string TagOf(SmsGuardReason reason) => reason switch
    {
        SmsGuardReason.PerNumber => "per_number",
        SmsGuardReason.PerIp => "per_ip",
        SmsGuardReason.PerCountry => "per_country",
        SmsGuardReason.DailyBudget => "daily_budget",
        SmsGuardReason.Cooldown => "cooldown",
        SmsGuardReason.CountryNotAllowed => "country_not_allowed",
        SmsGuardReason.BlockedPrefix => "blocked_prefix",
        SmsGuardReason.NumberTypeNotAllowed => "number_type_not_allowed",
        _ => "store_unavailable",
    };
}
