using System.Text.Json;
using SmsConnectors.Serialization;

namespace SmsConnectors.Tests.Core;

/// <summary>The thread's reused buffer and writer: every document stands alone, whatever came before it.</summary>
public class SmsJsonWriteTests
{
    [Fact]
    public void A_document_after_one_that_failed_half_written_starts_clean()
    {
        Assert.Throws<FormatException>(() => SmsJson.Write(0, static (writer, _) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("left");
            writer.WriteStringValue("behind");
            throw new FormatException();
        }));

        Assert.Equal("""{"a":1}"""u8.ToArray(), SmsJson.Write(1, static (writer, value) =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("a", value);
            writer.WriteEndObject();
        }));
    }

    [Fact]
    public void A_document_written_inside_another_leaves_the_outer_one_whole()
    {
        byte[]? inner = null;
        var outer = SmsJson.Write(0, (writer, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("before", "x");
            inner = SmsJson.Write(0, static (writer, _) => writer.WriteStringValue("inner"));
            writer.WriteString("after", "y");
            writer.WriteEndObject();
        });

        Assert.Equal("""{"before":"x","after":"y"}"""u8.ToArray(), outer);
        Assert.Equal("\"inner\""u8.ToArray(), inner);
    }

    [Fact]
    public void Documents_larger_than_the_kept_buffer_and_after_it_are_whole()
    {
        var text = new string('a', 40_000);

        var large = SmsJson.Write(text, static (writer, value) => writer.WriteStringValue(value));
        var small = SmsJson.Write(0, static (writer, _) => writer.WriteBooleanValue(true));

        using var document = JsonDocument.Parse(large);
        Assert.Equal(text, document.RootElement.GetString());
        Assert.Equal("true"u8.ToArray(), small);
    }
}
