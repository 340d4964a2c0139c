using System.Globalization;
using System.Security.Cryptography;

namespace SmsConnectors.Guard;

/// <summary>
/// The ids under which a send is counted, unique across every instance that shares a store: a
/// random 64-bit prefix drawn once per process, then a counter. A new random id per send would cost
/// a call into the system's random source each time.
/// </summary>
internal static class SendIds
{
    private static readonly string Prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private static long _count;

    /// <summary>Returns an id no other send of any instance has.</summary>
    public static string Next() => string.Concat(Prefix, Interlocked.Increment(ref _count).ToString("x", CultureInfo.InvariantCulture));
}
