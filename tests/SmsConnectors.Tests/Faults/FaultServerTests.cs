using Microsoft.Extensions.DependencyInjection;

namespace SmsConnectors.Tests.Faults;

/// <summary>
/// Every vendor connector against a raw TCP server on 127.0.0.1 that misbehaves on purpose, with
/// retries on and short delays, so that a send retried after the vendor may have accepted it would
/// be seen in the server's count of requests it read.
/// </summary>
public sealed class FaultServerTests
{
    public static TheoryData<string, bool, bool> KeepAliveFaults
    {
        get
        {
            var data = new TheoryData<string, bool, bool>();
            foreach (var kit in VendorKit.All)
            {
                foreach (var readBody in (bool[])[true, false])
                {
                    foreach (var refuseAfterwards in (bool[])[false, true])
                    {
                        data.Add(kit.Name, readBody, refuseAfterwards);
                    }
                }
            }

            return data;
        }
    }

    public static TheoryData<string> Vendors => [.. VendorKit.All.Select(kit => kit.Name)];

    public static TheoryData<string, bool> VendorsAndBodyRead
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var kit in VendorKit.All)
            {
                data.Add(kit.Name, true);
                data.Add(kit.Name, false);
            }

            return data;
        }
    }

    public static TheoryData<string, string> CutShortAnswers
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var kit in VendorKit.All)
            {
                foreach (var cut in (string[])["Content-Length too long", "reset mid-body", "malformed chunk"])
                {
                    data.Add(kit.Name, cut);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, string> InvalidUtf8Answers
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var kit in VendorKit.All)
            {
                foreach (var answer in kit.InvalidUtf8Answers)
                {
                    data.Add(kit.Name, answer.Where);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> VendorsWithAMayHaveBeenSent503 => [.. VendorKit.All.Where(kit => kit.MayHaveBeenSent503Body is not null).Select(kit => kit.Name)];

    [Theory]
    [MemberData(nameof(KeepAliveFaults))]
    public Task A_reused_connection_closed_after_the_request_was_read_is_reported_as_may_have_been_sent_and_never_resent(string vendor, bool readBody, bool refuseAfterwards) =>
        CloseAfterReuseAsync(vendor, readBody, refuseAfterwards);

    private static async Task CloseAfterReuseAsync(string vendor, bool readBody, bool refuseAfterwards)
    {
        var kit = VendorKit.Get(vendor);
        await using var server = new FaultServer(index => index switch
        {
            0 => FaultReaction.Reply(FaultAnswers.Whole(200, kit.SuccessBody)),
            1 => FaultReaction.Silent(readBody, refuseAfterwards ? FaultEnd.Die : FaultEnd.Close),
            _ => FaultReaction.Reply(FaultAnswers.Whole(200, kit.SuccessBody)),
        });
        await using var services = kit.Build(server.BaseAddress, Resilient);
        var connector = services.GetRequiredKeyedService<ISmsConnector>(VendorKit.ConnectorName);

        var first = await connector.SendAsync(VendorKit.Message("111111")).WaitAsync(Bound);
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(VendorKit.Message("222222")).WaitAsync(Bound));

        Assert.Equal(kit.SuccessMessageId, first.MessageId);
        Assert.True(error.MayHaveBeenSent, error.ToString());
        Assert.False(error is { Code: SmsErrorCode.ServiceUnavailable, MayHaveBeenSent: false });
        Assert.Equal(2, server.Requests);
        var received = server.Received;
        Assert.Equal((received[0].Connection, 1), (received[1].Connection, received[1].IndexOnConnection));
    }

    [Theory]
    [MemberData(nameof(VendorsAndBodyRead))]
    public async Task A_reset_after_the_request_was_read_may_have_been_sent_and_is_never_retried(string vendor, bool readBody)
    {
        var kit = VendorKit.Get(vendor);
        await using var server = new FaultServer(index => index == 0
            ? FaultReaction.Silent(readBody, FaultEnd.Reset)
            : FaultReaction.Reply(FaultAnswers.Whole(200, kit.SuccessBody)));

        var error = await FailAsync(kit, server);

        Assert.True(error.MayHaveBeenSent, error.ToString());
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public Task A_server_that_dies_after_reading_the_request_may_have_sent_it_and_is_not_tried_again(string vendor) => DieAfterReadingAsync(vendor);

    private static async Task DieAfterReadingAsync(string vendor)
    {
        var kit = VendorKit.Get(vendor);
        await using var server = new FaultServer(_ => FaultReaction.Silent(readBody: true, FaultEnd.Die));

        var error = await FailAsync(kit, server);

        Assert.True(error.MayHaveBeenSent, error.ToString());
        Assert.False(error is { Code: SmsErrorCode.ServiceUnavailable, MayHaveBeenSent: false });
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [MemberData(nameof(CutShortAnswers))]
    public async Task A_success_answer_cut_short_is_a_connector_failure_that_may_have_been_sent(string vendor, string cut)
    {
        var kit = VendorKit.Get(vendor);
        await using var server = new FaultServer(_ => cut switch
        {
            "Content-Length too long" => new FaultReaction(ReadBody: true, FaultAnswers.LongerThanSent(200, kit.SuccessBody), FaultEnd.Close),
            "reset mid-body" => new FaultReaction(ReadBody: true, FaultAnswers.FirstHalf(200, kit.SuccessBody), FaultEnd.Reset),
            _ => new FaultReaction(ReadBody: true, FaultAnswers.MalformedChunk(200), FaultEnd.Close),
        });

        var error = await FailAsync(kit, server);

        Assert.True(error.MayHaveBeenSent, error.ToString());
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8Answers))]
    public async Task Invalid_utf8_inside_a_json_string_is_read_like_any_other_unreadable_answer(string vendor, string where)
    {
        var kit = VendorKit.Get(vendor);
        var answer = kit.InvalidUtf8Answers.Single(a => a.Where == where);
        await using var server = new FaultServer(_ => FaultReaction.Reply(FaultAnswers.Whole(200, answer.Body)));
        await using var services = kit.Build(server.BaseAddress, Resilient);
        var send = services.GetRequiredKeyedService<ISmsConnector>(VendorKit.ConnectorName).SendAsync(VendorKit.Message()).WaitAsync(Bound);

        if (answer.IsSentWithoutId)
        {
            var result = await send;
            Assert.Null(result.MessageId);
        }
        else
        {
            var error = await Assert.ThrowsAsync<SmsConnectorException>(() => send);
            Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
            Assert.True(error.MayHaveBeenSent, error.ToString());
        }

        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [MemberData(nameof(VendorsWithAMayHaveBeenSent503))]
    public async Task A_503_whose_body_says_the_message_may_have_been_sent_is_not_retried(string vendor)
    {
        var kit = VendorKit.Get(vendor);
        await using var server = new FaultServer(index => index == 0
            ? FaultReaction.Reply(FaultAnswers.Whole(503, kit.MayHaveBeenSent503Body!))
            : FaultReaction.Reply(FaultAnswers.Whole(200, kit.SuccessBody)));

        var error = await FailAsync(kit, server);

        Assert.True(error.MayHaveBeenSent, error.ToString());
        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(1, server.Requests);
    }

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Retries on with tiny delays, so that a wrongly retried send would reach the server again; short timeouts.</summary>
    private static void Resilient(SmsVendorOptions options)
    {
        options.Resilience.Retry.MaxRetryAttempts = 2;
        options.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Resilience.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Resilience.Retry.UseJitter = false;
        options.Resilience.ConnectTimeout = TimeSpan.FromSeconds(1);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(3);
    }

    private static async Task<SmsConnectorException> FailAsync(VendorKit kit, FaultServer server)
    {
        await using var services = kit.Build(server.BaseAddress, Resilient);
        var connector = services.GetRequiredKeyedService<ISmsConnector>(VendorKit.ConnectorName);
        return await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(VendorKit.Message()).WaitAsync(Bound));
    }
}
