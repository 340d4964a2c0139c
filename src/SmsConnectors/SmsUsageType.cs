using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsConnectors;

/// <summary>
/// What a message is for (Logto's <c>TemplateType</c>). An extensible enum: the well-known values
/// are static properties, and any other non-empty string is allowed. Equality is ordinal and
/// case-sensitive, like Logto. Serialises to JSON and binds from configuration as a plain string.
/// </summary>
[JsonConverter(typeof(SmsUsageType.JsonStringConverter))]
[TypeConverter(typeof(SmsUsageType.StringTypeConverter))]
public readonly struct SmsUsageType : IEquatable<SmsUsageType>
{
    private readonly string? _value;

    /// <summary>Creates a usage type from its string value.</summary>
    /// <param name="value">The value, for example <c>SignIn</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or whitespace.</exception>
    public SmsUsageType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets the string value (empty for <see langword="default"/>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Signing in with a passcode.</summary>
    public static SmsUsageType SignIn { get; } = new("SignIn");

    /// <summary>Registering a new account.</summary>
    public static SmsUsageType Register { get; } = new("Register");

    /// <summary>Resetting a forgotten password.</summary>
    public static SmsUsageType ForgotPassword { get; } = new("ForgotPassword");

    /// <summary>Inviting someone to an organization.</summary>
    public static SmsUsageType OrganizationInvitation { get; } = new("OrganizationInvitation");

    /// <summary>Any other purpose; also the fallback template for every type.</summary>
    public static SmsUsageType Generic { get; } = new("Generic");

    /// <summary>Confirming the user's identity before a sensitive change.</summary>
    public static SmsUsageType UserPermissionValidation { get; } = new("UserPermissionValidation");

    /// <summary>Binding a new phone number to an account.</summary>
    public static SmsUsageType BindNewIdentifier { get; } = new("BindNewIdentifier");

    /// <summary>A multi-factor verification.</summary>
    public static SmsUsageType MfaVerification { get; } = new("MfaVerification");

    /// <summary>Binding a phone number as a second factor.</summary>
    public static SmsUsageType BindMfa { get; } = new("BindMfa");

    /// <summary>A test message (deprecated in Logto in favour of <see cref="Generic"/>).</summary>
    public static SmsUsageType Test { get; } = new("Test");

    /// <summary>Gets the ten well-known usage types.</summary>
    public static IReadOnlyList<SmsUsageType> WellKnown { get; } =
    [
        SignIn, Register, ForgotPassword, OrganizationInvitation, Generic,
        UserPermissionValidation, BindNewIdentifier, MfaVerification, BindMfa, Test,
    ];

    /// <summary>Gets whether this is one of the <see cref="WellKnown"/> values.</summary>
    public bool IsWellKnown => WellKnown.Contains(this);

    /// <summary>Converts a string to a usage type.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator SmsUsageType(string value) => new(value);

    /// <summary>Compares two usage types (ordinal, case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(SmsUsageType left, SmsUsageType right) => left.Equals(right);

    /// <summary>Compares two usage types (ordinal, case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(SmsUsageType left, SmsUsageType right) => !left.Equals(right);

    /// <summary>Creates a usage type from its string value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The usage type.</returns>
    public static SmsUsageType FromString(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(SmsUsageType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SmsUsageType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
    /// <summary>Reads and writes a usage type as a plain JSON string.</summary>
    internal sealed class JsonStringConverter : JsonConverter<SmsUsageType>
    {
        public override SmsUsageType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"A usage type must be a JSON string, not {reader.TokenType}.");
            }

            var value = reader.GetString();
            return string.IsNullOrWhiteSpace(value) ? throw new JsonException("A usage type must not be empty.") : new SmsUsageType(value);
        }

        public override void Write(Utf8JsonWriter writer, SmsUsageType value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }

    /// <summary>Converts a usage type from and to a string, so that configuration binds it.</summary>
    internal sealed class StringTypeConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
            sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
            destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
            value is string text ? new SmsUsageType(text) : base.ConvertFrom(context, culture, value);

        public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
            destinationType == typeof(string) && value is SmsUsageType type ? type.Value : base.ConvertTo(context, culture, value, destinationType);
    }
}
