// @ts-check
// Turns what can go wrong between the bridge and Switchboard into one sentence a person can act on.
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

export const EXIT = { config: 2, auth: 3, unreachable: 4, other: 1 };

/** @param {unknown} e */
function networkCode(e) {
  let cur = /** @type {any} */ (e);
  for (let i = 0; cur && i < 5; i++, cur = cur.cause) if (typeof cur.code === "string") return cur.code;
  return undefined;
}

/**
 * @param {unknown} e
 * @param {{ url: URL, urlSource: string, keySource: string }} where
 * @returns {{ message: string, exitCode: number }}
 */
export function describeError(e, where) {
  const at = `${where.url.href} (from ${where.urlSource})`;
  if (e instanceof StreamableHTTPError) {
    if (e.code === 401)
      return {
        exitCode: EXIT.auth,
        message: `Switchboard at ${at} rejected the API key from ${where.keySource} (HTTP 401): it is wrong, revoked, or belongs to another server. Create a key in Admin → API keys.`,
      };
    if (e.code === 403)
      return {
        exitCode: EXIT.auth,
        message: `Switchboard at ${at} refused the request (HTTP 403): the server does not accept this host name (set APP_URL or MCP_ALLOWED_HOSTS on the server), or the key lacks a scope.`,
      };
    if (e.code === 404 || e.code === 405)
      return {
        exitCode: EXIT.unreachable,
        message: `${at} answered HTTP ${e.code}: that is not a Switchboard MCP endpoint. Use the app's URL, e.g. https://switchboard.example.com/api/mcp.`,
      };
    if (e.code === -1)
      return {
        exitCode: EXIT.unreachable,
        message: `${at} did not answer like an MCP server (${e.message.replace(/^Streamable HTTP error: /, "")}). Check the URL: it should end in /api/mcp.`,
      };
    return {
      exitCode: EXIT.other,
      message: `Switchboard at ${at} answered HTTP ${e.code}. Try again; if it persists, check the server's logs.`,
    };
  }
  const code = networkCode(e);
  if (code === "ECONNREFUSED")
    return {
      exitCode: EXIT.unreachable,
      message: `Cannot reach Switchboard at ${at}: connection refused. Is the app running on that host and port?`,
    };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return { exitCode: EXIT.unreachable, message: `Cannot reach Switchboard at ${at}: the host name does not resolve. Check the URL.` };
  if (code && /^(ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/.test(code))
    return { exitCode: EXIT.unreachable, message: `Cannot reach Switchboard at ${at}: ${code}. Check the URL and your network.` };
  if (code && /CERT|SSL|TLS/.test(code))
    return { exitCode: EXIT.unreachable, message: `Cannot reach Switchboard at ${at}: TLS error ${code}.` };
  if (e instanceof TypeError && e.message === "fetch failed") {
    const cause = /** @type {any} */ (e).cause;
    return {
      exitCode: EXIT.unreachable,
      message: `Cannot reach Switchboard at ${at}: ${cause instanceof Error ? cause.message : "the request failed"}. Check the URL.`,
    };
  }
  const text = e instanceof Error ? e.message : String(e);
  return { exitCode: EXIT.other, message: `Talking to Switchboard at ${at} failed: ${text}` };
}
