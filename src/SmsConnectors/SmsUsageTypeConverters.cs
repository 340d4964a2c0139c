using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsConnectors;

/// <summary>Reads and writes <see cref="SmsUsageType"/> as a plain JSON string.</summary>
public sealed class SmsUsageTypeJsonConverter : JsonConverter<SmsUsageType>
{
    /// <inheritdoc />
    public override SmsUsageType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A usage type must be a JSON string, not {reader.TokenType}.");
        }

        var value = reader.GetString();
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new JsonException("A usage type must not be empty.");
        }

        return new SmsUsageType(value);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SmsUsageType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>Converts <see cref="SmsUsageType"/> from and to strings, so configuration binds it.</summary>
public sealed class SmsUsageTypeTypeConverter : TypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? new SmsUsageType(text) : base.ConvertFrom(context, culture, value);

    /// <inheritdoc />
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is SmsUsageType type
            ? type.Value
            : base.ConvertTo(context, culture, value, destinationType);
}
