using System.Runtime.CompilerServices;

namespace SmsConnectors.Validation;

/// <summary>Values the configuration binder could not convert (<c>"MaxResponseBytes": "lots"</c>), kept per options instance for validation.</summary>
internal static class BindingProblems
{
    private static readonly ConditionalWeakTable<object, List<string>> Problems = [];

    /// <summary>Binds with <paramref name="bind"/>, recording a conversion failure instead of throwing it.</summary>
    public static void Bind<TOptions>(TOptions options, Action<TOptions> bind)
        where TOptions : class
    {
        try
        {
            bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // The binder names the key and the type; it never quotes a secret, since strings always convert.
            Problems.GetOrCreateValue(options).Add(exception.Message);
        }
    }

    /// <summary>Gets the conversion failures recorded for <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> Of(object options) => Problems.TryGetValue(options, out var problems) ? problems : [];
}
