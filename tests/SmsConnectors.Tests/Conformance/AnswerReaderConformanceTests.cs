using System.Text.Json;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Infrastructure.JsonMutations;

namespace SmsConnectors.Tests.Conformance;

/// <summary>
/// What every vendor's one-pass answer reader does: it reads what <see cref="JsonSerializer"/> with
/// the vendor's source-generated context reads, into the same model, field for field, and fails
/// where the serializer fails, with the same problem. The bodies are the vendor's documented
/// answers, every answer its other tests play, and systematic variations of them
/// (<see cref="JsonMutations"/>). A vendor's subclass supplies the answers and the two reads.
/// </summary>
public abstract class AnswerReaderConformanceTests
{
    private const int RandomEditsPerAnswer = 300;

    /// <summary>Gets the vendor's documented answers, which are also cut at every byte.</summary>
    protected abstract IReadOnlyList<string> DocumentedAnswers { get; }

    /// <summary>Gets every other answer the vendor's tests play (not all of them JSON).</summary>
    protected abstract IEnumerable<byte[]> OtherAnswers { get; }

    /// <summary>Gets the documented and the other answers.</summary>
    protected IEnumerable<byte[]> Answers => DocumentedAnswers.Select(Utf8).Concat(OtherAnswers);

    /// <summary>Gets the answers that are JSON, to vary.</summary>
    protected IEnumerable<byte[]> JsonAnswers => Answers.Where(IsJson);

    [Fact]
    public void Every_answer_the_tests_play_reads_as_the_serializer_reads_it() => Agree(Answers);

    [Fact]
    public void Every_value_set_to_every_kind_of_json_value_reads_as_the_serializer_reads_it() =>
        Agree(JsonAnswers.SelectMany(EveryValueOfEveryKind));

    [Fact]
    public void Missing_repeated_and_renamed_properties_read_as_the_serializer_reads_them() =>
        Agree(JsonAnswers.SelectMany(EveryPropertyMissingRepeatedAndRenamed));

    [Fact]
    public void Nesting_under_at_and_over_the_depth_limit_reads_as_the_serializer_reads_it() =>
        Agree(JsonAnswers.SelectMany(DeepNesting));

    [Fact]
    public void Strings_that_are_not_utf8_or_hold_lone_surrogates_read_as_the_serializer_reads_them() =>
        Agree(JsonAnswers.SelectMany(BadStrings));

    [Fact]
    public void A_documented_answer_cut_at_any_byte_reads_as_the_serializer_reads_it() =>
        Agree(DocumentedAnswers.Select(Utf8).SelectMany(Truncations));

    [Fact]
    public void Byte_order_marks_whitespace_and_anything_after_the_value_read_as_the_serializer_reads_them() =>
        Agree(Answers.SelectMany(Framings));

    [Fact]
    public void Random_edits_read_as_the_serializer_reads_them() =>
        Agree(Answers.SelectMany((answer, index) => RandomEdits(answer, seed: index + 1, RandomEditsPerAnswer)));

    /// <summary>What the serializer, with the vendor's context, makes of the body (<see cref="AnswerReaderOracle.BySerializer{T}"/>).</summary>
    private protected abstract string BySerializer(byte[] body);

    /// <summary>What the vendor's reader makes of the body (<see cref="AnswerReaderOracle.ByReader{T}"/>).</summary>
    private protected abstract string ByReader(byte[] body);

    /// <summary>Every body of every test above.</summary>
    protected IEnumerable<byte[]> AllVariations() =>
        Answers
            .Concat(JsonAnswers.SelectMany(EveryValueOfEveryKind))
            .Concat(JsonAnswers.SelectMany(EveryPropertyMissingRepeatedAndRenamed))
            .Concat(JsonAnswers.SelectMany(DeepNesting))
            .Concat(JsonAnswers.SelectMany(BadStrings))
            .Concat(DocumentedAnswers.Select(Utf8).SelectMany(Truncations))
            .Concat(Answers.SelectMany(Framings))
            .Concat(Answers.SelectMany((answer, index) => RandomEdits(answer, seed: index + 1, RandomEditsPerAnswer)));

    /// <summary>Asserts the reader agrees with the serializer on every body, and that some bodies read and some fail.</summary>
    private void Agree(IEnumerable<byte[]> bodies)
    {
        var (read, failed) = AnswerReaderOracle.AssertAgree(bodies, BySerializer, ByReader);

        Assert.True(read > 0, "No body was read: the comparison proves nothing.");
        Assert.True(failed > 0, "No body failed: the comparison proves nothing.");
    }

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
