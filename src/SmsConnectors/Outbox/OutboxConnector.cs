using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Templates;

namespace SmsConnectors.Outbox;

/// <summary>Keeps messages in the <see cref="ISmsOutbox"/> (and optionally a file) instead of sending them.</summary>
internal sealed class OutboxConnector : SmsConnector<OutboxOptions>
{
    private static readonly SmsTextTemplate[] DefaultTemplates = [new() { UsageType = SmsUsageType.Generic.Value, Content = OutboxOptions.DefaultContent }];
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    private readonly SmsOutbox _outbox;
    private readonly TimeProvider _timeProvider;

    public OutboxConnector(string name, IOptionsMonitor<OutboxOptions> options, SmsOutbox outbox, SmsConnectorServices services)
        : base(name, options, services.LoggerFactory.CreateLogger<OutboxConnector>())
    {
        _outbox = outbox;
        _timeProvider = services.TimeProvider;
    }

    protected override async Task<SmsSendResult> SendCoreAsync(SmsSendContext<OutboxOptions> context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var now = _timeProvider.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            ConnectorName = Name,
            To = context.To.E164,
            Type = context.Message.Type,
            // Configured templates are selected as a vendor would, so a missing one shows up in development.
            Text = Render(context, options.Templates.Count == 0 ? DefaultTemplates : options.Templates),
            Payload = context.Message.Payload,
            Ip = context.Message.Ip,
            Timestamp = now,
        };

        if (!string.IsNullOrWhiteSpace(options.FilePath))
        {
            await AppendAsync(options.FilePath, message, cancellationToken).ConfigureAwait(false);
        }

        _outbox.Add(message, options.Capacity);
        SmsConnectorLog.OutboxStored(Logger, Name, message.Type.Value, context.To.Masked);
        return new SmsSendResult { ConnectorName = Name, MessageId = message.Id };
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
            if (message.Ip is not null)
            {
                writer.WriteString("ip", message.Ip);
            }

            writer.WriteEndObject();
        }),
            (byte)'\n',
        ];
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
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
