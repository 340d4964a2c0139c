using System.Reflection;

namespace SmsConnectors.Tests.Core;

/// <summary>
/// Each vendor's options declare their secrets once (<see cref="SmsVendorOptions"/>' <c>Secrets()</c>);
/// these tests read that declaration, so a new vendor is checked without being listed here.
/// </summary>
public class SecretsConventionTests
{
    /// <summary>Words that make a string option a credential; each such option must be declared.</summary>
    private static readonly string[] CredentialWords = ["Key", "Secret", "Authorization", "Password", "Token"];

    private static IEnumerable<Type> VendorOptions =>
        typeof(SmsVendorOptions).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(SmsVendorOptions)) && !t.IsAbstract);

    public static TheoryData<Type> VendorOptionTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in VendorOptions)
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void Every_vendor_declares_its_secrets()
    {
        Assert.Equal(
            ["HttpSmsOptions", "SevenOptions", "SmsAeroOptions", "TencentOptions"],
            VendorOptions.Select(type => type.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(VendorOptionTypes))]
    public void Every_credential_option_is_declared_a_secret(Type type)
    {
        var (options, markers) = WithMarkers(type);

        var declared = Declared(options);

        var credentials = markers.Where(m => CredentialWords.Any(word => m.Key.Contains(word, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(credentials);
        Assert.All(credentials, credential => Assert.Contains(credential.Value, declared));
    }

    [Theory]
    [MemberData(nameof(VendorOptionTypes))]
    public void No_declared_secret_shows_in_to_string(Type type)
    {
        var (options, _) = WithMarkers(type);
        var declared = Declared(options);

        var text = options.ToString()!;

        Assert.NotEmpty(declared);
        Assert.All(declared, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Generic_http_declares_the_authorization_its_token_and_credential_named_headers_and_query_values()
    {
        var options = new SmsConnectors.Http.HttpSmsOptions
        {
            Authorization = "Bearer tok-123",
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Api-Key"] = "hdr-key", ["X-Request-Source"] = "web" },
            QueryParameters = new() { ["access_token"] = "q-token", ["signature"] = "q-sig", ["to"] = "{{to}}" },
        };

        Assert.Equal(["Bearer tok-123", "hdr-key", "q-sig", "q-token", "tok-123"], Declared(options).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Smsaero_declares_its_basic_authorization_value_too()
    {
        var options = new SmsConnectors.SmsAero.SmsAeroOptions { Email = "owner@example.com", ApiKey = "aero-key" };

        Assert.Equal(["aero-key", "b3duZXJAZXhhbXBsZS5jb206YWVyby1rZXk="], Declared(options).Order(StringComparer.Ordinal));
    }

    private static (SmsVendorOptions Options, Dictionary<string, string> Markers) WithMarkers(Type type)
    {
        var options = (SmsVendorOptions)Activator.CreateInstance(type)!;
        var markers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.PropertyType == typeof(string)))
        {
            markers[property.Name] = $"marker-{property.Name}-value";
            property.SetValue(options, markers[property.Name]);
        }

        return (options, markers);
    }

    private static List<string> Declared(SmsVendorOptions options) =>
        [.. options.Secrets().OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
}
