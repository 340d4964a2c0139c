using System.Collections.Concurrent;

namespace SmsConnectors.Guard;

/// <summary>The stores registered for the guard, by name, each created once when first used.</summary>
internal sealed class GuardStores(IEnumerable<GuardStoreRegistration> registrations, IServiceProvider services)
{
    private readonly List<GuardStoreRegistration> _registrations = [.. registrations];
    private readonly ConcurrentDictionary<string, Lazy<NamedStore>> _stores = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the names of the registered stores.</summary>
    public IEnumerable<string> Names => _registrations.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The name a <c>Guard:Store</c> value stands for: itself, else the last store a package registered, else <c>Memory</c>.</summary>
    public string Resolve(string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? configured.Trim()
        : _registrations.LastOrDefault(r => !string.Equals(r.Name, GuardStoreRegistration.Memory, StringComparison.OrdinalIgnoreCase))?.Name
            ?? GuardStoreRegistration.Memory;

    /// <summary>Whether a store of the name <paramref name="configured"/> stands for is registered.</summary>
    public bool IsRegistered(string? configured)
    {
        var name = Resolve(configured);
        return _registrations.Exists(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The store <paramref name="configured"/> names (validation made sure it is registered).</summary>
    public NamedStore Get(string? configured)
    {
        var name = Resolve(configured);
        return _stores.GetOrAdd(name, key => new Lazy<NamedStore>(() =>
        {
            var registration = _registrations.LastOrDefault(r => string.Equals(r.Name, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException(MissingStore(key));
            return new NamedStore(registration.Name, registration.Create(services));
        })).Value;
    }

    /// <summary>What startup says when <c>Guard:Store</c> names a store no package registered.</summary>
    public string MissingStore(string name) =>
        string.Equals(name, "Redis", StringComparison.OrdinalIgnoreCase)
            ? "'SmsConnectors:Guard:Store' is 'Redis', but no Redis store is registered: add the SmsConnectors.Redis package and call AddSmsConnectors(...).AddRedisStore()."
            : $"'SmsConnectors:Guard:Store' is '{name}', which is not a registered store; registered: {string.Join(", ", Names)}.";
}
