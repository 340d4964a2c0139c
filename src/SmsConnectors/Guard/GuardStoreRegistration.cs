namespace SmsConnectors.Guard;

/// <summary>A store the guard can use, by the name <c>Guard:Store</c> gives it.</summary>
/// <param name="Name">The store's name (<c>Memory</c>, <c>Redis</c>).</param>
/// <param name="Create">Gets the store; called once.</param>
internal sealed record GuardStoreRegistration(string Name, Func<IServiceProvider, ISmsGuardStore> Create)
{
    public const string Memory = "Memory";
}
