using Microsoft.Extensions.Options;
using SmsConnectors.Sending;
using SmsConnectors.Serialization;
using SmsConnectors.Templates;

namespace SmsConnectors.Outbox;

/// <summary>Keeps messages in the <see cref="ISmsOutbox"/> (and optionally a file) instead of sending them.</summary>
/// <param name="name">The connector's name.</param>
/// <param name="options">The connectors' options, by name.</param>
/// <param name="outbox">Where kept messages go.</param>
/// <param name="services">The shared connector services.</param>
/// <param name="contentRoot">The directory a relative <see cref="OutboxOptions.FilePath"/> is resolved against: the host's content root, else <see langword="null"/> for the working directory.</param>
internal sealed class OutboxConnector(string name, IOptionsMonitor<OutboxOptions> options, SmsOutbox outbox, ConnectorServices services, string? contentRoot)
    : MessageConnector<OutboxOptions, ConnectorPlan<OutboxOptions>, string>(name, Provider, options, services)
{
    /// <summary>The <c>Provider</c> value of this kind of connector.</summary>
    public const string Provider = "Outbox";

    private static readonly SmsTextTemplate[] DefaultTemplates = [new() { UsageType = SmsUsageType.Generic.Value, Content = OutboxOptions.DefaultContent }];
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    private readonly TimeProvider _timeProvider = services.TimeProvider;

    /// <summary>Configured templates are selected as a vendor would select them, so that a missing one shows up in development.</summary>
    private protected override ConnectorPlan<OutboxOptions> CreatePlan(OutboxOptions options) =>
        new(options, [], TextTemplates.Parse(options.Templates is { Count: > 0 } templates ? templates : DefaultTemplates));

    /// <summary>The rendered text.</summary>
    private protected override string Prepare(SendContext<ConnectorPlan<OutboxOptions>> context) =>
        MessageLimits.Segments(context, context.Plan.Templates!.Render(context.Message, strict: !context.Plan.Options.AllowUnresolvedPlaceholders), context.Plan.Options.MaxSegments);

    private protected override async ValueTask<SmsSendResult> DeliverAsync(SendContext<ConnectorPlan<OutboxOptions>> context, string prepared, CancellationToken cancellationToken)
    {
        var options = context.Plan.Options;
        var now = _timeProvider.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            ConnectorName = Name,
            To = context.To.E164,
            Type = context.Message.Type,
            Text = prepared,
            Payload = context.Message.Payload,
            Ip = context.Message.Ip,
            Timestamp = now,
        };

        if (!string.IsNullOrWhiteSpace(options.FilePath))
        {
            var path = contentRoot is null ? Path.GetFullPath(options.FilePath) : Path.GetFullPath(options.FilePath, contentRoot);
            await AppendAsync(path, message, cancellationToken).ConfigureAwait(false);
        }

        outbox.Add(message, options.Capacity);
        return new SmsSendResult { ConnectorName = Name, MessageId = message.Id, Segments = context.Segments?.Segments, Encoding = context.Segments?.Encoding };
    }

    private static async Task AppendAsync(string path, OutboxMessage message, CancellationToken cancellationToken)
    {
        byte[] line =
        [
            .. SmsJson.Write(message, static (writer, message) =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", message.Id);
                writer.WriteString("timestamp", message.Timestamp);
                writer.WriteString("connector", message.ConnectorName);
                writer.WriteString("to", message.To);
                writer.WriteString("type", message.Type.Value);
                writer.WriteString("text", message.Text);
                if (message.Code is { } code)
                {
                    writer.WriteString("code", code);
                }

                if (message.Ip is not null)
                {
                    writer.WriteString("ip", message.Ip);
                }

                writer.WriteEndObject();
            }),
            (byte)'\n',
        ];
        var directory = Path.GetDirectoryName(path);
        await FileLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SmsConnectorException(SmsErrorCode.General, $"The outbox file could not be written: {exception.Message}", exception) { MayHaveBeenSent = false };
        }
        finally
        {
            FileLock.Release();
        }
    }
}
