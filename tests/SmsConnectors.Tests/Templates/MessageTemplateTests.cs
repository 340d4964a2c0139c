using System.Globalization;
using System.Text.Json;
using SmsConnectors.Sending;
using SmsConnectors.Templates;

namespace SmsConnectors.Tests.Templates;

public class MessageTemplateTests
{
    private static Dictionary<string, object?> Payload(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static string Lenient(string template, IReadOnlyDictionary<string, object?> payload) =>
        MessageTemplate.Parse(template).Render(payload, strict: false);

    private static string Strict(string template, IReadOnlyDictionary<string, object?> payload) =>
        MessageTemplate.Parse(template).Render(payload);

    // Logto's own cases for replaceSendMessageHandlebars (non-strict, Logto's behaviour).

    [Fact]
    public void Logto_replaces_code()
    {
        Assert.Equal(
            "Your verification code is 123456",
            Lenient("Your verification code is {{code}}", Payload(("code", "123456"))));
    }

    [Fact]
    public void Logto_leaves_template_unchanged_for_empty_payload()
    {
        Assert.Equal(
            "Your verification code is {{code}}",
            Lenient("Your verification code is {{code}}", Payload()));
    }

    [Fact]
    public void Logto_replaces_every_placeholder_present_in_payload()
    {
        Assert.Equal(
            "Your verification code is 123456 and bar",
            Lenient("Your verification code is {{code}} and {{foo}}", Payload(("code", "123456"), ("foo", "bar"))));
    }

    [Fact]
    public void Logto_keeps_placeholder_whose_root_is_absent()
    {
        Assert.Equal(
            "Your verification code is 123456 and {{foo}}",
            Lenient("Your verification code is {{code}} and {{foo}}", Payload(("code", "123456"))));
    }

    [Fact]
    public void Logto_renders_nested_paths_indexes_and_missing_values()
    {
        var application = new Dictionary<string, object?>
        {
            ["name"] = "Logto",
            ["customData"] = new Dictionary<string, object?>
            {
                ["foo"] = "foo",
                ["baz"] = new List<object?> { 1, "2", null },
            },
        };

        var text = Lenient(
            "Your application name is {{application.name}}, {{ application.customData.foo }}, {{ application.customData.bar }}, {{ application.customData.baz.1 }}",
            Payload(("application", application)));

        Assert.Equal("Your application name is Logto, foo, , 2", text);
    }

    [Fact]
    public void Logto_keeps_nested_placeholder_whose_root_is_absent()
    {
        Assert.Equal(
            "Your {{ application.name }} sign in verification code is 123456",
            Lenient("Your {{ application.name }} sign in verification code is {{ code }}", Payload(("code", "123456"))));
    }

    [Fact]
    public void Logto_renders_missing_nested_key_of_present_root_as_empty()
    {
        Assert.Equal("", Lenient("{{application.name}}", Payload(("application", new Dictionary<string, object?>()))));
    }

    // Strictness (ours).

    [Fact]
    public void Strict_is_the_default_and_fails_naming_the_placeholder()
    {
        var template = MessageTemplate.Parse("Your {{ application.name }} code is {{ code }}");

        var exception = Assert.Throws<SmsConnectorException>(() => template.Render(Payload(("code", "123456"))));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.Contains("{{ application.name }}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'application'", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Fact]
    public void Strict_fails_for_code_missing_from_empty_payload()
    {
        var exception = Assert.Throws<SmsConnectorException>(() => Strict("Your verification code is {{code}}", Payload()));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.Contains("{{code}}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_accepts_present_root_with_missing_or_null_nested_value()
    {
        var payload = Payload(("application", new Dictionary<string, object?> { ["name"] = null }), ("code", null));

        Assert.Equal("[][][]", Strict("[{{ application.name }}][{{ application.logo.url }}][{{ code }}]", payload));
    }

    [Fact]
    public void Strict_renders_when_every_root_is_present()
    {
        Assert.Equal("Code 123456", Strict("Code {{code}}", Payload(("code", "123456"))));
    }

    [Fact]
    public void Text_without_placeholders_renders_as_is_even_when_strict()
    {
        Assert.Equal("Hello { code } {code} {{}} {{ }} {{code-x}}", Strict("Hello { code } {code} {{}} {{ }} {{code-x}}", Payload()));
    }

    // Pattern.

    [Theory]
    [InlineData("{{code}}")]
    [InlineData("{{ code }}")]
    [InlineData("{{code }}")]
    [InlineData("{{ code}}")]
    [InlineData("{{\tcode\t}}")]
    [InlineData("{{ \t code \t }}")]
    [InlineData("{{\ncode\r\n}}")]
    public void Whitespace_inside_braces_is_allowed(string placeholder)
    {
        Assert.Equal("<654321>", Strict("<" + placeholder + ">", Payload(("code", "654321"))));
    }

    [Fact]
    public void Same_placeholder_twice_is_replaced_twice()
    {
        Assert.Equal("1-1", Strict("{{a}}-{{ a }}", Payload(("a", "1"))));
    }

    [Fact]
    public void Triple_braces_keep_the_outer_braces()
    {
        Assert.Equal("{123456}", Strict("{{{code}}}", Payload(("code", "123456"))));
    }

    [Fact]
    public void Word_chars_are_ascii_only()
    {
        // JavaScript's \w without the u flag is [A-Za-z0-9_]; 'cödé' is not a key and stays as text.
        Assert.Equal("{{ cödé }}", Strict("{{ cödé }}", Payload(("cödé", "x"))));
        Assert.Equal("{{ ключ }}", Lenient("{{ ключ }}", Payload(("ключ", "x"))));
    }

    [Fact]
    public void Keys_with_digits_and_underscores_are_matched()
    {
        Assert.Equal("a b", Strict("{{ user_name }} {{ v2 }}", Payload(("user_name", "a"), ("v2", "b"))));
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        Assert.Equal("{{ Code }}", Lenient("{{ Code }}", Payload(("code", "1"))));
    }

    [Fact]
    public void Values_are_not_escaped()
    {
        Assert.Equal(
            "Hi <b>Tom & \"Jerry\"</b> 'x'",
            Strict("Hi {{ name }}", Payload(("name", "<b>Tom & \"Jerry\"</b> 'x'"))));
    }

    [Fact]
    public void Value_containing_placeholder_syntax_is_not_rendered_again()
    {
        Assert.Equal("{{code}}", Strict("{{ name }}", Payload(("name", "{{code}}"), ("code", "1"))));
    }

    [Fact]
    public void Placeholders_lists_distinct_paths_in_order()
    {
        var template = MessageTemplate.Parse("{{ b.c }} {{a}} {{ b.c }} {{ cödé }} {{ d.1 }}");

        Assert.Equal(["b.c", "a", "d.1"], template.Placeholders);
        Assert.Equal("{{ b.c }} {{a}} {{ b.c }} {{ cödé }} {{ d.1 }}", template.Text);
    }

    [Fact]
    public void Empty_template_renders_empty()
    {
        Assert.Equal("", Strict("", Payload()));
    }

    // Paths.

    [Fact]
    public void Dotted_path_reads_nested_dictionaries()
    {
        var payload = Payload(("a", new Dictionary<string, object?> { ["b"] = new Dictionary<string, object?> { ["c"] = "deep" } }));

        Assert.Equal("deep", Strict("{{ a.b.c }}", payload));
    }

    [Fact]
    public void Dotted_path_reads_string_dictionaries()
    {
        var payload = Payload(("headers", new Dictionary<string, string> { ["x"] = "y" }));

        Assert.Equal("y|", Strict("{{ headers.x }}|{{ headers.z }}", payload));
    }

    [Fact]
    public void Indexed_path_reads_lists_and_arrays()
    {
        var payload = Payload(
            ("items", new List<object?> { "zero", "one", "two" }),
            ("numbers", new[] { 10, 20, 30 }),
            ("words", new[] { "x", "y" }));

        Assert.Equal("one 30 y", Strict("{{ items.1 }} {{ numbers.2 }} {{ words.1 }}", payload));
    }

    [Fact]
    public void Index_out_of_range_or_not_a_number_is_empty()
    {
        var payload = Payload(("items", new List<object?> { "zero" }));

        Assert.Equal("[][][]", Strict("[{{ items.1 }}][{{ items.x }}][{{ items.99999999999 }}]", payload));
    }

    [Fact]
    public void Indexed_path_then_dotted_path()
    {
        var payload = Payload(("users", new List<object?> { new Dictionary<string, object?> { ["name"] = "Ann" }, new Dictionary<string, object?> { ["name"] = "Bob" } }));

        Assert.Equal("Bob", Strict("{{ users.1.name }}", payload));
    }

    [Fact]
    public void Path_through_a_string_is_empty()
    {
        Assert.Equal("[][]", Strict("[{{ code.length }}][{{ code.0 }}]", Payload(("code", "123456"))));
    }

    [Fact]
    public void Path_through_a_number_or_null_is_empty()
    {
        Assert.Equal("[][][]", Strict("[{{ n.x }}][{{ z.x }}][{{ z.x.y }}]", Payload(("n", 5), ("z", null))));
    }

    // Values.

    [Fact]
    public void Null_root_value_renders_empty()
    {
        Assert.Equal("code: .", Strict("code: {{code}}.", Payload(("code", null))));
    }

    [Fact]
    public void Integers_render_invariantly()
    {
        Assert.Equal(
            "42 -7 9007199254740993 255 1234567",
            Strict("{{ i }} {{ neg }} {{ l }} {{ b }} {{ big }}", Payload(("i", 42), ("neg", -7), ("l", 9007199254740993L), ("b", (byte)255), ("big", 1234567))));
    }

    [Fact]
    public void Floating_point_and_decimal_render_in_invariant_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            // Under de-DE, 1.5.ToString() would be "1,5" and 1234567.5 "1234567,5".
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture));

            var text = Strict(
                "{{ d }} {{ f }} {{ m }} {{ small }} {{ large }}",
                Payload(("d", 1.5), ("f", 0.25f), ("m", 1234567.5m), ("small", 0.1), ("large", 1234567.5)));

            Assert.Equal("1.5 0.25 1234567.5 0.1 1234567.5", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Booleans_render_lowercase_like_javascript()
    {
        Assert.Equal("true false", Strict("{{ t }} {{ f }}", Payload(("t", true), ("f", false))));
    }

    [Fact]
    public void Dictionary_value_renders_as_object_object()
    {
        var payload = Payload(
            ("a", new Dictionary<string, object?> { ["k"] = "v" }),
            ("b", new Dictionary<string, string> { ["k"] = "v" }),
            ("c", new Dictionary<string, object?>()));

        Assert.Equal("[object Object] [object Object] [object Object]", Strict("{{ a }} {{ b }} {{ c }}", payload));
    }

    [Fact]
    public void Lists_join_with_commas_like_javascript()
    {
        var payload = Payload(
            ("mixed", new List<object?> { 1, "2", null }),
            ("strings", new[] { "a", "b", "c" }),
            ("empty", new List<object?>()),
            ("nested", new List<object?> { new List<object?> { 1, 2 }, 3 }),
            ("withObject", new List<object?> { new Dictionary<string, object?>(), true }));

        Assert.Equal(
            "[1,2,][a,b,c][][1,2,3][[object Object],true]",
            Strict("[{{ mixed }}][{{ strings }}][{{ empty }}][{{ nested }}][{{ withObject }}]", payload));
    }

    [Fact]
    public void Stringify_matches_javascript_string_of_value_or_empty()
    {
        Assert.Equal("", MessageTemplate.Stringify(null));
        Assert.Equal("abc", MessageTemplate.Stringify("abc"));
        Assert.Equal("12", MessageTemplate.Stringify(12));
        Assert.Equal("true", MessageTemplate.Stringify(true));
        Assert.Equal("1,,x", MessageTemplate.Stringify(new object?[] { 1, null, "x" }));
    }

    // JsonElement values.

    private static readonly JsonElement Json = JsonDocument.Parse("""
        {
          "s": "text <&>",
          "n": 1.50,
          "i": 12345678901234567890,
          "t": true,
          "f": false,
          "z": null,
          "o": { "k": "v", "inner": { "deep": 7 }, "nil": null },
          "a": [1, "x", null, true, { "k": "v" }]
        }
        """).RootElement;

    private static Dictionary<string, object?> JsonPayload() =>
        Json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);

    [Fact]
    public void Json_string_renders_its_value()
    {
        Assert.Equal("text <&>", Strict("{{ s }}", JsonPayload()));
    }

    [Fact]
    public void Json_number_renders_its_raw_text()
    {
        Assert.Equal("1.50 12345678901234567890", Strict("{{ n }} {{ i }}", JsonPayload()));
    }

    [Fact]
    public void Json_booleans_and_null()
    {
        Assert.Equal("true false []", Strict("{{ t }} {{ f }} [{{ z }}]", JsonPayload()));
    }

    [Fact]
    public void Json_object_renders_as_object_object()
    {
        Assert.Equal("[object Object]", Strict("{{ o }}", JsonPayload()));
    }

    [Fact]
    public void Json_array_joins_like_javascript()
    {
        Assert.Equal("1,x,,true,[object Object]", Strict("{{ a }}", JsonPayload()));
    }

    [Fact]
    public void Json_nested_paths_into_objects_and_arrays()
    {
        Assert.Equal(
            "v|7|x|v|||||",
            Strict("{{ o.k }}|{{ o.inner.deep }}|{{ a.1 }}|{{ a.4.k }}|{{ o.missing }}|{{ o.nil }}|{{ a.9 }}|{{ s.length }}|{{ o.nil.x }}", JsonPayload()));
    }

    [Fact]
    public void Whole_json_document_as_root_value()
    {
        var payload = Payload(("application", JsonDocument.Parse("""{"name":"Logto","customData":{"foo":"foo","baz":[1,"2",null]}}""").RootElement));

        Assert.Equal(
            "Logto, foo, , 2",
            Strict("{{application.name}}, {{ application.customData.foo }}, {{ application.customData.bar }}, {{ application.customData.baz.1 }}", payload));
    }

    // Parsing once.

    [Fact]
    public void Text_templates_are_parsed_once_per_options_instance()
    {
        var template = new SmsTextTemplate { UsageType = "SignIn", Content = "Code {{code}}" };
        var options = new SmsConnectors.Outbox.OutboxOptions { Templates = [template] };
        static ConnectorPlan<SmsConnectors.Outbox.OutboxOptions> Compile(SmsConnectors.Outbox.OutboxOptions o) => new(o, [], TextTemplates.Parse(o.Templates));

        var first = PlanCache<SmsConnectors.Outbox.OutboxOptions, ConnectorPlan<SmsConnectors.Outbox.OutboxOptions>>.Get(options, Compile);
        var second = PlanCache<SmsConnectors.Outbox.OutboxOptions, ConnectorPlan<SmsConnectors.Outbox.OutboxOptions>>.Get(options, Compile);

        Assert.Same(first, second);
        Assert.Equal("Code {{code}}", first.Templates![template].Text);

        var reloaded = new SmsConnectors.Outbox.OutboxOptions { Templates = [new SmsTextTemplate { UsageType = "SignIn", Content = "New {{code}}" }] };
        var third = PlanCache<SmsConnectors.Outbox.OutboxOptions, ConnectorPlan<SmsConnectors.Outbox.OutboxOptions>>.Get(reloaded, Compile);

        Assert.NotSame(first, third);
        Assert.Equal("New 1", third.Templates![reloaded.Templates[0]].Render(Payload(("code", "1"))));
    }

    [Fact]
    public void Null_content_renders_empty()
    {
        var template = new SmsTextTemplate { Content = null! };

        Assert.Equal("", TextTemplates.Parse([template])[template].Render(Payload()));
    }
}
