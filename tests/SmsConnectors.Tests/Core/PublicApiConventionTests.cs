using System.Reflection;

namespace SmsConnectors.Tests.Core;

/// <summary>Rules the whole public API keeps, checked by reflection so a new type cannot forget them.</summary>
public class PublicApiConventionTests
{
    private static readonly Assembly Library = typeof(ISmsConnector).Assembly;

    private static IEnumerable<Type> PublicTypes => Library.GetExportedTypes();

    [Fact]
    public void Public_types_live_in_the_library_or_the_platform_namespaces()
    {
        var misplaced = PublicTypes
            .Where(t => t.Namespace is not ("SmsConnectors" or "Microsoft.Extensions.DependencyInjection") && t.Namespace?.StartsWith("SmsConnectors.", StringComparison.Ordinal) != true)
            .Select(t => t.FullName);

        Assert.Empty(misplaced);
    }

    [Fact]
    public void Vendor_types_live_in_their_vendor_namespaces()
    {
        Assert.Equal("SmsConnectors.Seven", typeof(global::SmsConnectors.Seven.SevenOptions).Namespace);
        Assert.Equal("SmsConnectors.Tencent", typeof(global::SmsConnectors.Tencent.TencentOptions).Namespace);
        Assert.Equal("SmsConnectors.SmsAero", typeof(global::SmsConnectors.SmsAero.SmsAeroOptions).Namespace);
        Assert.Equal("SmsConnectors.Http", typeof(global::SmsConnectors.Http.HttpSmsOptions).Namespace);
        Assert.Equal("SmsConnectors.Outbox", typeof(global::SmsConnectors.Outbox.OutboxOptions).Namespace);
        Assert.All(
            PublicTypes.Where(t => t.Name.EndsWith("BuilderExtensions", StringComparison.Ordinal) || t.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal)),
            t => Assert.Equal("Microsoft.Extensions.DependencyInjection", t.Namespace));
    }

    [Fact]
    public void Every_public_async_method_takes_a_cancellation_token_last_with_a_default()
    {
        var methods = PublicTypes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal))
            .Where(m => !m.IsSpecialName && m.DeclaringType!.Namespace!.StartsWith("SmsConnectors", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, method =>
        {
            var last = method.GetParameters().LastOrDefault();
            Assert.True(
                last is { Name: "cancellationToken", HasDefaultValue: true } && last.ParameterType == typeof(CancellationToken),
                $"{method.DeclaringType!.Name}.{method.Name} must end with 'CancellationToken cancellationToken = default'.");
        });
    }

    [Fact]
    public void There_is_one_public_exception_type()
    {
        Assert.Equal([typeof(SmsConnectorException)], PublicTypes.Where(t => typeof(Exception).IsAssignableFrom(t)));
        Assert.True(typeof(SmsConnectorException).IsSealed);
    }

    [Fact]
    public void Public_type_names_start_with_sms_or_with_their_connector_kind()
    {
        string[] kinds = ["Seven", "Tencent", "SmsAero", "Http", "Outbox", "Failover", "Router"];

        var misnamed = PublicTypes
            .Where(t => !t.Name.StartsWith("Sms", StringComparison.Ordinal) && !t.Name.StartsWith("ISms", StringComparison.Ordinal))
            .Where(t => !kinds.Any(kind => t.Name.StartsWith(kind, StringComparison.Ordinal) && t.Namespace!.EndsWith(kind is "Failover" or "Router" ? "Routing" : kind, StringComparison.Ordinal)))
            .Select(t => t.FullName);

        Assert.Empty(misnamed);
    }

    [Fact]
    public void Template_parsing_selection_and_converters_are_not_public()
    {
        Assert.DoesNotContain(PublicTypes, t => t.Name is "MessageTemplate" or "TemplateSelector" || typeof(System.Text.Json.Serialization.JsonConverter).IsAssignableFrom(t) || typeof(System.ComponentModel.TypeConverter).IsAssignableFrom(t));
    }

    [Fact]
    public void Connector_implementations_are_not_public()
    {
        Assert.Equal([], PublicTypes.Where(t => typeof(ISmsConnector).IsAssignableFrom(t) && !t.IsInterface).Select(t => t.Name));
    }
}
