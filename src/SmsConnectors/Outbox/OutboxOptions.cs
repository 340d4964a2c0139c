using SmsConnectors.Templates;

namespace SmsConnectors.Outbox;

/// <summary>Settings of the offline Outbox connector (<c>"Provider": "Outbox"</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>The template used when no configured template matches: <c>Your verification code is {{code}}.</c></summary>
    public const string DefaultContent = "Your verification code is {{code}}.";

    /// <summary>The default for <see cref="Capacity"/>.</summary>
    public const int DefaultCapacity = 100;

    /// <summary>
    /// Gets or sets whether a placeholder whose root key is missing from the payload may be kept as
    /// it is, as <see cref="SmsVendorOptions.AllowUnresolvedPlaceholders"/> allows for a vendor.
    /// </summary>
    public bool AllowUnresolvedPlaceholders { get; set; }

    /// <summary>Gets or sets whether templates may leave out <c>{{code}}</c> (or <c>{{link}}</c> for invitations), as <see cref="SmsVendorOptions.AllowTemplatesWithoutCode"/> allows for a vendor.</summary>
    public bool AllowTemplatesWithoutCode { get; set; }

    /// <summary>Gets or sets the most SMS segments a rendered text may take, as <see cref="SmsVendorOptions.MaxSegments"/> does for a vendor.</summary>
    public int? MaxSegments { get; set; }

    /// <summary>Gets or sets the templates to render; optional, <see cref="DefaultContent"/> otherwise.</summary>
    public List<SmsTextTemplate> Templates { get; set; } = [];

    /// <summary>Gets or sets how many of this connector's messages the outbox keeps; older ones are dropped.</summary>
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>
    /// Gets or sets a file to which one JSON line per message is appended (<c>id</c>, <c>timestamp</c>,
    /// <c>connector</c>, <c>to</c>, <c>type</c>, <c>text</c>, <c>code</c> when the payload has one, and
    /// <c>ip</c> when the message has one); none by default. A relative path is resolved against the
    /// host's content root (<c>IHostEnvironment.ContentRootPath</c>), or the working directory when no
    /// host environment is registered.
    /// </summary>
    public string? FilePath { get; set; }
}
