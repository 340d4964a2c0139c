namespace SmsConnectors.Guard;

/// <summary>A guard store and the name it was registered under, for log lines and errors.</summary>
internal sealed record NamedStore(string Name, ISmsGuardStore Store);
