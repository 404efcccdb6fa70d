// @ts-check
// The stdio side: an official-SDK server whose every handler forwards to Switchboard, with progress
// notifications relayed under the desktop client's own progress token and cancellation passed on.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { McpError, ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import * as T from "@modelcontextprotocol/sdk/types.js";

/** Which requests are forwarded, by the capability that makes them meaningful. */
const ROUTES = [
  { capability: "tools", request: T.ListToolsRequestSchema, result: T.ListToolsResultSchema },
  { capability: "tools", request: T.CallToolRequestSchema, result: T.CallToolResultSchema },
  { capability: "resources", request: T.ListResourcesRequestSchema, result: T.ListResourcesResultSchema },
  { capability: "resources", request: T.ListResourceTemplatesRequestSchema, result: T.ListResourceTemplatesResultSchema },
  { capability: "resources", request: T.ReadResourceRequestSchema, result: T.ReadResourceResultSchema },
  { capability: "prompts", request: T.ListPromptsRequestSchema, result: T.ListPromptsResultSchema },
  { capability: "prompts", request: T.GetPromptRequestSchema, result: T.GetPromptResultSchema },
  { capability: "completions", request: T.CompleteRequestSchema, result: T.CompleteResultSchema },
  { capability: "logging", request: T.SetLevelRequestSchema, result: T.EmptyResultSchema },
];

/** The capabilities we offer downstream: what Switchboard offers, minus what a relay cannot honour. */
function relayCapabilities(/** @type {Record<string, any>} */ upstream) {
  /** @type {Record<string, any>} */
  const caps = {};
  if (upstream.tools) caps.tools = { listChanged: Boolean(upstream.tools.listChanged) };
  if (upstream.resources) caps.resources = { listChanged: Boolean(upstream.resources.listChanged) };
  if (upstream.prompts) caps.prompts = { listChanged: Boolean(upstream.prompts.listChanged) };
  if (upstream.completions) caps.completions = {};
  if (upstream.logging) caps.logging = {};
  return caps;
}

/**
 * @param {{
 *   upstream: ReturnType<typeof import("./upstream.mjs").createUpstream>,
 *   version: string, timeoutMs: number,
 *   explain: (e: unknown) => string,
 * }} o
 */
export function createRelayServer(o) {
  const info = o.upstream.serverInfo();
  const server = new Server(
    { name: info.version?.name ?? "switchboard", title: info.version?.title ?? "Switchboard", version: info.version?.version ?? o.version },
    { capabilities: relayCapabilities(info.capabilities ?? {}), instructions: info.instructions },
  );
  for (const route of ROUTES) {
    if (!info.capabilities?.[route.capability]) continue;
    server.setRequestHandler(route.request, async (request, extra) => {
      const { _meta, ...params } = /** @type {any} */ (request.params ?? {});
      const token = _meta?.progressToken;
      const { progressToken: _drop, ...meta } = _meta ?? {};
      // Always ask Switchboard for progress (it keeps our request timer alive while a person types);
      // relay it only when the desktop client asked, under its own token.
      const onprogress = (/** @type {any} */ p) => {
        if (token !== undefined)
          void extra.sendNotification({ method: "notifications/progress", params: { ...p, progressToken: token } }).catch(() => {});
      };
      try {
        return await o.upstream.request(
          { method: request.method, params: Object.keys(meta).length ? { ...params, _meta: meta } : params },
          route.result,
          { signal: extra.signal, onprogress, timeout: o.timeoutMs },
        );
      } catch (e) {
        if (e instanceof McpError) throw e; // Switchboard's own JSON-RPC error: pass it through unchanged.
        const message = o.explain(e);
        // A failed tool call reads best as a tool error the model (and the person) can see.
        if (request.method === "tools/call") return { isError: true, content: [{ type: "text", text: message }] };
        throw new McpError(ErrorCode.InternalError, message);
      }
    });
  }
  return server;
}
