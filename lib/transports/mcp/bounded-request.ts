import type { AuthInfo } from "@modelcontextprotocol/server";
import { AppError, isAppError } from "@/lib/platform/errors";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "@/lib/transports/http/json-depth";
import { MAX_BODY_BYTES, readBody } from "@/lib/transports/http/read-body";

type AuthedRequest = Request & { auth?: AuthInfo };

/**
 * mcp-handler parses the body with `req.clone().json()` — no limit — before the SDK's own bounded read,
 * so a chunked upload without Content-Length would be buffered whole. The body is therefore read here,
 * through the one streaming reader (413 past 64 KiB), checked for depth, and mcp-handler gets a new
 * Request built from those bytes: same URL, method, headers, abort signal, and the verified key. The
 * JSON-RPC method comes from the same text (one parse, no second clone of the body).
 */
export async function boundedMcpRequest(
  req: AuthedRequest,
): Promise<{ request: AuthedRequest; method: string | undefined; toolName: string | undefined }> {
  if (req.method !== "POST") return { request: req, method: undefined, toolName: undefined };
  const bytes = await readBody(req, MAX_BODY_BYTES);
  const text = Buffer.from(bytes).toString("utf8");
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new AppError("bad_request", `Parse error: the request nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  const bounded: AuthedRequest = new Request(req.url, { method: req.method, headers, body: bytes as BodyInit, signal: req.signal });
  bounded.auth = req.auth;
  return { request: bounded, ...jsonRpcCallOf(text) };
}

/**
 * The JSON-RPC method of a body and, for `tools/call`, the tool's name; undefined for a batch, bad JSON (the SDK
 * answers that) or anything else.
 */
export function jsonRpcCallOf(text: string): { method: string | undefined; toolName: string | undefined } {
  const none = { method: undefined, toolName: undefined };
  // Only a body that names a method at all is parsed (a cheap test before the parse).
  if (!text.includes('"method"')) return none;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return none;
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return none;
  const { method, params } = body as { method?: unknown; params?: { name?: unknown } };
  if (typeof method !== "string") return none;
  const name = method === "tools/call" && params && typeof params === "object" ? params.name : undefined;
  return { method, toolName: typeof name === "string" ? name : undefined };
}

/** A body the MCP endpoint refuses, answered the way MCP clients read errors: a JSON-RPC error object. */
export function mcpBodyErrorResponse(e: unknown): Response | null {
  if (!isAppError(e)) return null;
  const code = e.code === "payload_too_large" ? -32000 : e.code === "bad_request" ? -32700 : -32600;
  return Response.json({ jsonrpc: "2.0", id: null, error: { code, message: e.message } }, { status: e.status });
}
