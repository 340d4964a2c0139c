using System.Security.Cryptography;
using System.Text;

namespace SmsConnectors.AspNetCore.Outbox;

/// <summary>
/// The Outbox page: one HTML document with its style and script inline, loading nothing else (no
/// external script, font, image or stylesheet), so it works offline. Its policy allows exactly its
/// own script and style, by hash, and requests to its own origin.
/// </summary>
internal static class OutboxPageHtml
{
    /// <summary>The page's style.</summary>
    internal const string Style = """

        :root { color-scheme: light dark; --line: #d0d7de; --muted: #57606a; --accent: #0969da; --new: #fff8c5; --danger: #cf222e; }
        @media (prefers-color-scheme: dark) { :root { --line: #30363d; --muted: #8b949e; --accent: #4493f8; --new: #3b2e00; --danger: #f85149; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        header { position: sticky; top: 0; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: Canvas; }
        h1 { margin: 0; font-size: 1.15rem; }
        .status { font-size: .85rem; color: var(--muted); }
        .status::before { content: "\25CF"; margin-right: .3rem; }
        .status.live::before { color: #1a7f37; }
        .status.down::before { color: var(--danger); }
        .tools { display: flex; gap: .5rem; margin-left: auto; }
        input, button { font: inherit; padding: .3rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: Canvas; color: CanvasText; }
        input { width: 15rem; }
        button { cursor: pointer; }
        button:hover { border-color: var(--accent); }
        #clear:hover { border-color: var(--danger); color: var(--danger); }
        main { padding: .5rem 1rem 2rem; }
        #summary { color: var(--muted); margin: .25rem 0 .75rem; }
        table { width: 100%; border-collapse: collapse; }
        th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
        th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); white-space: nowrap; }
        td.time, td.connector, td.type, td.to, td.code { white-space: nowrap; }
        td.time { color: var(--muted); font-variant-numeric: tabular-nums; }
        td.to, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        td.text { white-space: pre-wrap; overflow-wrap: anywhere; width: 100%; }
        code { font-size: 1.05rem; font-weight: 600; margin-right: .5rem; user-select: all; }
        button.copy { padding: .1rem .5rem; font-size: .8rem; }
        tr.new td { animation: arrived 2s ease-out; }
        @keyframes arrived { from { background: var(--new); } to { background: transparent; } }
        #empty { color: var(--muted); padding: 2rem 0; text-align: center; }

        """;

    /// <summary>
    /// The page's script. It writes every value with <c>textContent</c>, never as HTML, so a text
    /// that holds markup shows as that text.
    /// </summary>
    internal const string Script = """

        'use strict';
        (() => {
          const base = location.pathname.replace(/\/+$/, '');
          const rows = document.getElementById('rows');
          const filter = document.getElementById('filter');
          const status = document.getElementById('status');
          const summary = document.getElementById('summary');
          const empty = document.getElementById('empty');
          const table = document.getElementById('messages');
          const clear = document.getElementById('clear');
          let messages = [];
          let seen = null; // the ids of the last list the stream sent: rows not in it are highlighted as new

          const digits = value => value.replace(/\D/g, '');

          function setStatus(text, state) {
            status.textContent = text;
            status.className = 'status ' + state;
          }

          function shows(message) {
            const wanted = digits(filter.value);
            return wanted === '' || digits(message.to).includes(wanted);
          }

          function formatTime(timestamp) {
            const time = new Date(timestamp);
            const clock = time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
            return time.toDateString() === new Date().toDateString() ? clock : time.toLocaleDateString() + ' ' + clock;
          }

          function cell(row, name, text) {
            const td = document.createElement('td');
            td.className = name;
            td.textContent = text;
            row.appendChild(td);
            return td;
          }

          async function copy(code, button) {
            let copied = false;
            try {
              if (navigator.clipboard && window.isSecureContext) {
                await navigator.clipboard.writeText(code);
                copied = true;
              }
            } catch {
              copied = false;
            }
            if (!copied) {
              const area = document.createElement('textarea');
              area.value = code;
              area.setAttribute('readonly', '');
              area.style.position = 'fixed';
              area.style.opacity = '0';
              document.body.appendChild(area);
              area.select();
              try {
                copied = document.execCommand('copy');
              } catch {
                copied = false;
              }
              area.remove();
            }
            button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
            setTimeout(() => { button.textContent = 'Copy'; }, 1500);
          }

          function render() {
            const shown = messages.filter(shows);
            const fragment = document.createDocumentFragment();
            for (const message of shown) {
              const row = document.createElement('tr');
              row.dataset.id = message.id;
              if (seen !== null && !seen.has(message.id)) {
                row.className = 'new';
              }
              cell(row, 'time', formatTime(message.timestamp)).title = message.timestamp;
              cell(row, 'connector', message.connector);
              cell(row, 'type', message.type);
              cell(row, 'to', message.to);
              cell(row, 'text', message.text);
              const code = cell(row, 'code', '');
              if (message.code !== null && message.code !== undefined) {
                const value = document.createElement('code');
                value.textContent = message.code;
                const button = document.createElement('button');
                button.type = 'button';
                button.className = 'copy';
                button.textContent = 'Copy';
                button.title = 'Copy the code';
                button.addEventListener('click', () => copy(message.code, button));
                code.append(value, button);
              }
              fragment.appendChild(row);
            }
            rows.replaceChildren(fragment);
            table.hidden = shown.length === 0;
            empty.hidden = shown.length !== 0;
            empty.textContent = messages.length === 0
              ? 'No messages yet. Send one and it appears here.'
              : 'No message to a number with ' + digits(filter.value) + '.';
            summary.textContent = messages.length === 1 ? '1 message' : messages.length + ' messages';
            if (shown.length !== messages.length) {
              summary.textContent += ', ' + shown.length + ' shown';
            }
          }

          filter.addEventListener('input', render);

          clear.addEventListener('click', async () => {
            clear.disabled = true;
            try {
              const response = await fetch(base + '/messages', { method: 'DELETE', headers: { 'X-Requested-With': 'SmsOutboxPage' } });
              if (!response.ok) {
                throw new Error(response.status + ' ' + (await response.text()));
              }
              messages = [];
              render();
            } catch (error) {
              setStatus('Clearing failed: ' + error.message, 'down');
            } finally {
              clear.disabled = false;
            }
          });

          const events = new EventSource(base + '/events');
          events.addEventListener('messages', event => {
            messages = JSON.parse(event.data);
            render();
            seen = new Set(messages.map(message => message.id));
          });
          events.addEventListener('open', () => setStatus('live', 'live'));
          events.addEventListener('error', () => setStatus('reconnecting\u2026', 'down'));
          render();
        })();

        """;

    /// <summary>The page, UTF-8 encoded.</summary>
    internal static readonly byte[] Utf8 = Encoding.UTF8.GetBytes($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>SMS Outbox</title>
        <link rel="icon" href="data:,">
        <style>{{Style}}</style>
        </head>
        <body>
        <header>
          <h1>SMS Outbox</h1>
          <span id="status" class="status" role="status">connecting&hellip;</span>
          <div class="tools">
            <input id="filter" type="search" placeholder="Filter by number" aria-label="Filter by number" autocomplete="off">
            <button id="clear" type="button">Clear</button>
          </div>
        </header>
        <main>
          <p id="summary"></p>
          <table id="messages">
            <thead><tr><th>Time</th><th>Connector</th><th>Usage type</th><th>Number</th><th>Text</th><th>Code</th></tr></thead>
            <tbody id="rows"></tbody>
          </table>
          <p id="empty" hidden></p>
        </main>
        <script>{{Script}}</script>
        </body>
        </html>

        """);

    /// <summary>
    /// The page's Content-Security-Policy: its own inline script and style (by their SHA-256),
    /// requests to its own origin, and nothing else.
    /// </summary>
    internal static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; connect-src 'self'; img-src data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
