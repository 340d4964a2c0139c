using System.Text;
using System.Text.Json;
using SmsConnectors.Sending;
using SmsConnectors.Templates;

namespace SmsConnectors.Http;

/// <summary>
/// The Generic HTTP connector's request, parsed once per options instance: the endpoint, and every
/// string value of the headers, query and body as a <see cref="MessageTemplate"/>. Problems found
/// while parsing are kept for validation, each with its configuration key.
/// </summary>
internal sealed class HttpPlan : ConnectorPlan<HttpSmsOptions>
{
    private static readonly string[] FramingHeaders = ["Content-Length", "Transfer-Encoding"];

    private readonly List<(string Key, string Problem)> _problems = [];

    private HttpPlan(HttpSmsOptions options, Uri? endpoint)
        : base(options, endpoint is null ? [] : [endpoint], TextTemplates.Parse(options.Templates))
    {
        Endpoint = endpoint;
    }

    /// <summary>Gets the endpoint, or <see langword="null"/> when it is invalid.</summary>
    public Uri? Endpoint { get; }

    /// <summary>Gets whether the method is <c>GET</c> (otherwise <c>POST</c>).</summary>
    public bool IsGet { get; private set; }

    /// <summary>Gets the extra headers in order, with their values parsed.</summary>
    public IReadOnlyList<(string Name, MessageTemplate Value)> Headers { get; private set; } = [];

    /// <summary>Gets the query parameters in order, with their values parsed.</summary>
    public IReadOnlyList<(string Name, MessageTemplate Value)> Query { get; private set; } = [];

    /// <summary>Gets the parsed body, or <see langword="null"/> when Logto's <c>http-sms</c> body is sent.</summary>
    public HttpBodyNode? Body { get; private set; }

    /// <summary>Gets what is wrong with the options, each with its key; empty when they are valid.</summary>
    public IReadOnlyList<(string Key, string Problem)> Problems => _problems;

    public static HttpPlan Create(HttpSmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<(string Key, string Problem)> problems = [];
        var plan = new HttpPlan(options, ParseEndpoint(options.Endpoint, options.AllowInsecureHttp, problems));
        plan._problems.AddRange(problems);
        var method = (options.Method ?? HttpSmsOptions.DefaultMethod).Trim();
        plan.IsGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        if (!plan.IsGet && !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            plan._problems.Add(("method", $"must be GET or POST, not '{options.Method}'"));
        }

        if (options.Authorization is { } authorization && HeaderValueProblem(authorization) is { } authorizationProblem)
        {
            // Never echo the value: it is a secret.
            plan._problems.Add(("authorization", authorizationProblem));
        }

        plan.Headers = plan.ParseHeaders(options);
        plan.Query = plan.ParseQuery(options.QueryParameters ?? []);
        if (options.BodyParameters is { ValueKind: not JsonValueKind.Undefined } body)
        {
            if (body.ValueKind == JsonValueKind.Object)
            {
                plan.Body = HttpBodyNode.Parse(body);
            }
            else
            {
                plan._problems.Add(("bodyParameters", $"must be a JSON object, not a JSON {body.ValueKind.ToString().ToLowerInvariant()}"));
            }
        }

        return plan;
    }

    /// <summary>Returns the endpoint with the rendered query parameters appended, URL-encoded.</summary>
    public Uri RenderUri(Uri endpoint, IReadOnlyDictionary<string, object?> values, bool strict, HttpValueLimit limit)
    {
        if (Query.Count == 0)
        {
            return endpoint;
        }

        var builder = new StringBuilder(endpoint.AbsoluteUri);
        var separator = endpoint.AbsoluteUri.EndsWith('?') ? string.Empty : endpoint.Query.Length > 0 ? "&" : "?";
        foreach (var (name, value) in Query)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(limit.Check(value.Render(values, strict), "the query parameter", name)));
            separator = "&";
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>Renders the extra headers, refusing a value that a substitution made unsafe.</summary>
    /// <exception cref="SmsConnectorException">A rendered value contains CR, LF or another character a header cannot carry.</exception>
    public IEnumerable<(string Name, string Value)> RenderHeaders(IReadOnlyDictionary<string, object?> values, bool strict, HttpValueLimit limit)
    {
        foreach (var (name, template) in Headers)
        {
            var value = limit.Check(template.Render(values, strict), "the header", name);
            if (HeaderValueProblem(value) is { } problem)
            {
                // The value is not repeated: it may hold the code or the number.
                throw new SmsConnectorException(SmsErrorCode.InvalidRequestParameters, $"The header '{name}' {problem} after its placeholders were substituted; nothing was sent.")
                {
                    MayHaveBeenSent = false,
                };
            }

            yield return (name, value);
        }
    }

    /// <summary>Returns why <paramref name="value"/> cannot be a header value, or <see langword="null"/> when it can.</summary>
    public static string? HeaderValueProblem(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return "must not contain CR or LF";
        }

        foreach (var c in value)
        {
            if (c != '\t' && (c < ' ' || c > '~'))
            {
                return "must contain only printable ASCII characters";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="name"/> is an HTTP token (RFC 9110), as a header name must be.</summary>
    public static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static Uri? ParseEndpoint(string? endpoint, bool allowInsecureHttp, List<(string Key, string Problem)> problems)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            problems.Add(("endpoint", "is required"));
            return null;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(("endpoint", "must be an absolute http or https URL"));
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            problems.Add(("endpoint", "must not contain user information (put credentials in 'authorization' or 'headers')"));
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !allowInsecureHttp)
        {
            // The authorization value, the number and the code would travel unencrypted.
            problems.Add(("endpoint", "must use https (http is allowed only for 127.0.0.1, [::1] and localhost, or with 'allowInsecureHttp': true)"));
            return null;
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            problems.Add(("endpoint", "must not contain a fragment ('#...' is never sent)"));
            return null;
        }

        return uri;
    }

    private (string Name, MessageTemplate Value)[] ParseHeaders(HttpSmsOptions options)
    {
        var configured = options.Headers ?? [];
        var headers = new List<(string, MessageTemplate)>(configured.Count);
        foreach (var (name, value) in configured)
        {
            var key = $"headers:{name}";
            if (!IsToken(name))
            {
                _problems.Add((key, "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)"));
            }
            else if (FramingHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                _problems.Add((key, "is set by the HTTP client and cannot be configured"));
            }
            else if (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) && options.Authorization is not null)
            {
                _problems.Add((key, "conflicts with 'authorization'; set the Authorization header in one of them"));
            }
            else if (HeaderValueProblem(value ?? string.Empty) is { } problem)
            {
                _problems.Add((key, problem));
            }
            else
            {
                headers.Add((name, MessageTemplate.Parse(value ?? string.Empty)));
            }
        }

        return [.. headers];
    }

    private (string Name, MessageTemplate Value)[] ParseQuery(Dictionary<string, string> parameters)
    {
        var query = new List<(string, MessageTemplate)>(parameters.Count);
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(name))
            {
                _problems.Add(("queryParameters", "must not contain an empty parameter name"));
                continue;
            }

            query.Add((name, MessageTemplate.Parse(value ?? string.Empty)));
        }

        return [.. query];
    }
}
