using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Core;

public class SmsUsageTypeTests
{
    [Fact]
    public void Well_known_values_have_logtos_strings()
    {
        Assert.Equal("SignIn", SmsUsageType.SignIn.Value);
        Assert.Equal("Register", SmsUsageType.Register.Value);
        Assert.Equal("ForgotPassword", SmsUsageType.ForgotPassword.Value);
        Assert.Equal("OrganizationInvitation", SmsUsageType.OrganizationInvitation.Value);
        Assert.Equal("Generic", SmsUsageType.Generic.Value);
        Assert.Equal("UserPermissionValidation", SmsUsageType.UserPermissionValidation.Value);
        Assert.Equal("BindNewIdentifier", SmsUsageType.BindNewIdentifier.Value);
        Assert.Equal("MfaVerification", SmsUsageType.MfaVerification.Value);
        Assert.Equal("BindMfa", SmsUsageType.BindMfa.Value);
        Assert.Equal("Test", SmsUsageType.Test.Value);
    }

    [Fact]
    public void Well_known_lists_the_ten_values()
    {
        Assert.Equal(
            ["SignIn", "Register", "ForgotPassword", "OrganizationInvitation", "Generic", "UserPermissionValidation", "BindNewIdentifier", "MfaVerification", "BindMfa", "Test"],
            SmsUsageType.WellKnown.Select(t => t.Value));
        Assert.All(SmsUsageType.WellKnown, t => Assert.True(t.IsWellKnown));
    }

    [Fact]
    public void Equality_is_ordinal_and_case_sensitive()
    {
        Assert.Equal(SmsUsageType.SignIn, new SmsUsageType("SignIn"));
        Assert.True(SmsUsageType.SignIn == new SmsUsageType("SignIn"));
        Assert.Equal(SmsUsageType.SignIn.GetHashCode(), new SmsUsageType("SignIn").GetHashCode());

        Assert.NotEqual(SmsUsageType.SignIn, new SmsUsageType("signin"));
        Assert.True(SmsUsageType.SignIn != new SmsUsageType("SIGNIN"));
        Assert.False(new SmsUsageType("signin").IsWellKnown);
        Assert.True(SmsUsageType.SignIn.Equals((object)new SmsUsageType("SignIn")));
    }

    [Fact]
    public void Converts_implicitly_from_string()
    {
        SmsUsageType type = "Register";
        SmsUsageType custom = "MagicLink";

        Assert.Equal(SmsUsageType.Register, type);
        Assert.True(type.IsWellKnown);
        Assert.Equal("MagicLink", custom.Value);
        Assert.Equal("MagicLink", custom.ToString());
        Assert.False(custom.IsWellKnown);
        Assert.Equal(custom, SmsUsageType.FromString("MagicLink"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Rejects_empty_values(string? value)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SmsUsageType(value!));
        Assert.ThrowsAny<ArgumentException>(() => { SmsUsageType type = value!; });
    }

    [Fact]
    public void Default_value_is_empty()
    {
        var type = default(SmsUsageType);

        Assert.Equal("", type.Value);
        Assert.Equal("", type.ToString());
        Assert.False(type.IsWellKnown);
        Assert.NotEqual(SmsUsageType.Generic, type);
        Assert.Equal(default(SmsUsageType), type);
    }

    [Fact]
    public void Usable_as_dictionary_key()
    {
        var counts = new Dictionary<SmsUsageType, int> { [SmsUsageType.SignIn] = 1 };
        counts[new SmsUsageType("SignIn")]++;

        Assert.Equal(2, counts[SmsUsageType.SignIn]);
        Assert.False(counts.ContainsKey("signIn"));
    }

    // JSON.

    public sealed record Envelope(SmsUsageType Type, SmsUsageType? Optional, List<SmsUsageType> All);

    [Fact]
    public void Serialises_as_a_plain_json_string()
    {
        Assert.Equal("\"SignIn\"", JsonSerializer.Serialize(SmsUsageType.SignIn));
        Assert.Equal("\"MagicLink\"", JsonSerializer.Serialize(new SmsUsageType("MagicLink")));
    }

    [Fact]
    public void Deserialises_from_a_plain_json_string()
    {
        Assert.Equal(SmsUsageType.BindMfa, JsonSerializer.Deserialize<SmsUsageType>("\"BindMfa\""));
        Assert.Equal(new SmsUsageType("custom"), JsonSerializer.Deserialize<SmsUsageType>("\"custom\""));
    }

    [Fact]
    public void Round_trips_as_a_property_of_a_record()
    {
        var envelope = new Envelope(SmsUsageType.MfaVerification, null, [SmsUsageType.Generic, "Custom"]);

        var json = JsonSerializer.Serialize(envelope);

        Assert.Equal("""{"Type":"MfaVerification","Optional":null,"All":["Generic","Custom"]}""", json);
        var back = JsonSerializer.Deserialize<Envelope>(json)!;
        Assert.Equal(SmsUsageType.MfaVerification, back.Type);
        Assert.Null(back.Optional);
        Assert.Equal([SmsUsageType.Generic, new SmsUsageType("Custom")], back.All);
    }

    [Fact]
    public void Nullable_property_reads_a_string()
    {
        var envelope = JsonSerializer.Deserialize<Envelope>("""{"Type":"SignIn","Optional":"Register","All":[]}""")!;

        Assert.Equal(SmsUsageType.Register, envelope.Optional);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[\"SignIn\"]")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Rejects_json_that_is_not_a_non_empty_string(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SmsUsageType>(json));
    }

    [Fact]
    public void Rejects_non_string_json_in_a_record()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Envelope>("""{"Type":1,"Optional":null,"All":[]}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Envelope>("""{"Type":"SignIn","Optional":null,"All":[false]}"""));
    }

    // Configuration (reflection binder, through the TypeConverter).

    public sealed class Settings
    {
        public SmsUsageType Type { get; set; }

        public SmsUsageType? Optional { get; set; }

        public List<SmsUsageType> Types { get; set; } = [];

        public Dictionary<string, SmsUsageType> ByName { get; set; } = [];
    }

    [Fact]
    public void Binds_from_configuration_as_a_plain_string()
    {
        var configuration = TestHost.Json("""
            {
              "Type": "ForgotPassword",
              "Optional": "Test",
              "Types": [ "SignIn", "Custom" ],
              "ByName": { "a": "Register" }
            }
            """);

        var settings = configuration.Get<Settings>()!;

        Assert.Equal(SmsUsageType.ForgotPassword, settings.Type);
        Assert.Equal(SmsUsageType.Test, settings.Optional);
        Assert.Equal([SmsUsageType.SignIn, new SmsUsageType("Custom")], settings.Types);
        Assert.Equal(SmsUsageType.Register, settings.ByName["a"]);
    }

    [Fact]
    public void Binding_keeps_the_case_of_the_value()
    {
        var settings = TestHost.Json("""{ "Type": "signIn" }""").Get<Settings>()!;

        Assert.Equal("signIn", settings.Type.Value);
        Assert.NotEqual(SmsUsageType.SignIn, settings.Type);
    }

    [Fact]
    public void Absent_key_leaves_the_default()
    {
        var settings = TestHost.Json("""{ "Other": "x" }""").Get<Settings>() ?? new Settings();

        Assert.Equal(default, settings.Type);
        Assert.Null(settings.Optional);
    }

    [Fact]
    public void Type_converter_converts_from_and_to_string()
    {
        var converter = TypeDescriptor.GetConverter(typeof(SmsUsageType));

        Assert.True(converter.CanConvertFrom(typeof(string)));
        Assert.True(converter.CanConvertTo(typeof(string)));
        Assert.Equal(SmsUsageType.BindNewIdentifier, converter.ConvertFromInvariantString("BindNewIdentifier"));
        Assert.Equal("UserPermissionValidation", converter.ConvertToInvariantString(SmsUsageType.UserPermissionValidation));
        Assert.Equal("OrganizationInvitation", converter.ConvertTo(null, CultureInfo.InvariantCulture, SmsUsageType.OrganizationInvitation, typeof(string)));
        Assert.False(converter.CanConvertFrom(typeof(int)));
    }
}
