// Ready-to-paste client configurations for an MCP URL and an API key. Pure: the keys page renders these
// (with the real key right after creating one, with a placeholder otherwise) and the README documents them.

export type ClientConfig = {
  id: "claude-bridge" | "claude-mcp-remote" | "cursor" | "inspector" | "curl" | "retell";
  title: string;
  /** Where the text goes, in words; file names and paths in it are set in code font by the page. */
  where: string;
  text: string;
  /** What to know before pasting, in a sentence or two. */
  note: string;
};

/** What the page shows instead of a key it no longer has (keys are stored hashed). */
export const KEY_PLACEHOLDER = "sb_YOUR_KEY";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const json = (v: unknown) => JSON.stringify(v, null, 2);
/** Single-quoted for POSIX shells: the key and URL are pasted into a terminal as they are. */
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The app's MCP endpoint for a base URL (the request's origin, or APP_URL). */
export function mcpEndpoint(baseUrl: string): string {
  const u = new URL(baseUrl);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/api/mcp`;
  u.search = "";
  u.hash = "";
  return u.toString();
}

export function clientConfigs({ baseUrl, key }: { baseUrl: string; key: string }): ClientConfig[] {
  const url = mcpEndpoint(baseUrl);
  const origin = new URL(baseUrl).origin;
  const plainHttpRemote = url.startsWith("http://") && !LOOPBACK.has(new URL(url).hostname);
  const remoteArgs = [
    "-y",
    "mcp-remote",
    url,
    ...(plainHttpRemote ? ["--allow-http"] : []),
    "--header",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${SWITCHBOARD_AUTH} is literal: mcp-remote expands it from the env block
    "Authorization:${SWITCHBOARD_AUTH}",
  ];
  return [
    {
      id: "claude-bridge",
      title: "Claude Desktop — Switchboard bridge",
      where: "claude_desktop_config.json",
      text: json({ mcpServers: { switchboard: { command: "switchboard-mcp", env: { SWITCHBOARD_URL: url, SWITCHBOARD_API_KEY: key } } } }),
      note: 'Install the bridge once: in a Switchboard checkout run `npm pack ./bridge`, then `npm install -g ./switchboard-mcp-*.tgz` on the desktop machine (or set "command": "node" with "args": ["/path/to/switchboard/bridge/bin/switchboard-mcp.mjs"]). Works over plain http too.',
    },
    {
      id: "claude-mcp-remote",
      title: "Claude Desktop — mcp-remote",
      where: "claude_desktop_config.json",
      text: json({ mcpServers: { switchboard: { command: "npx", args: remoteArgs, env: { SWITCHBOARD_AUTH: `Bearer ${key}` } } } }),
      note: plainHttpRemote
        ? "mcp-remote refuses plain http except to localhost; --allow-http lets it through — use it only on a network you trust, or serve Switchboard over https. The header has no space after the colon on purpose: Claude Desktop splits arguments on spaces, so the space lives in the env value."
        : 'The header has no space after the colon on purpose: Claude Desktop splits arguments on spaces, so "Bearer …" lives in the env value. mcp-remote refuses plain http except to localhost.',
    },
    {
      id: "cursor",
      title: "Cursor",
      where: ".cursor/mcp.json (project) or ~/.cursor/mcp.json",
      text: json({ mcpServers: { switchboard: { url, headers: { Authorization: `Bearer ${key}` } } } }),
      note: "Cursor speaks Streamable HTTP itself. The file holds the key: keep it out of version control.",
    },
    {
      id: "inspector",
      title: "MCP Inspector (CLI)",
      where: "a terminal",
      text: `npx -y @modelcontextprotocol/inspector --cli ${url} --transport http \\\n  --header ${sh(`Authorization: Bearer ${key}`)} --method tools/list`,
      note: "Needs Node ≥ 22: current Inspector releases require it, and on Node 20 npx silently picks the old 0.15.0, whose CLI has no --header and fails. On Node 20 run `npx @modelcontextprotocol/inspector` (the web UI), choose Streamable HTTP, paste the URL and put the key under Authentication → Bearer token — or use the curl command below.",
    },
    {
      id: "curl",
      title: "curl",
      where: "a terminal",
      text:
        `curl -s ${url} -H ${sh(`Authorization: Bearer ${key}`)} \\\n` +
        `  -H 'content-type: application/json' -H 'accept: application/json, text/event-stream' \\\n` +
        `  -H 'mcp-protocol-version: 2025-11-25' \\\n` +
        `  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
      note: "Lists the tools in one stateless request; the answer comes as a server-sent event (data: {…}).",
    },
    {
      id: "retell",
      title: "Retell",
      where: "Retell agent → MCP servers",
      text: json({ name: "switchboard", url, headers: { Authorization: `Bearer ${key}` }, timeout_ms: 60000 }),
      note: `Or let Switchboard set up the Retell agent for you: ${origin}/admin/retell. A key with hitl:ask is enough for ask_human.`,
    },
  ];
}
