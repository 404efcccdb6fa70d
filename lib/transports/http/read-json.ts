import { AppError } from "@/lib/platform/errors";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "@/lib/transports/http/json-depth";
import { MAX_BODY_BYTES, readText } from "@/lib/transports/http/read-body";

export { MAX_BODY_BYTES } from "@/lib/transports/http/read-body";

/** Parses a JSON text bounded in depth: 400 when it is not JSON or nests deeper than MAX_JSON_DEPTH. */
export function parseJsonText(text: string): unknown {
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
    throw new AppError("bad_request", `Request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON.");
  }
}

/**
 * Reads a JSON body through the streaming reader: 413 past `maxBytes` (64 KiB by default, with or
 * without Content-Length), 400 when it is empty (unless optional), not JSON, or nested too deeply.
 */
export async function readJson(req: Request, opts: { optional?: boolean; maxBytes?: number } = {}): Promise<unknown> {
  const text = await readText(req, opts.maxBytes ?? MAX_BODY_BYTES);
  if (!text.trim() && opts.optional) return {};
  if (!text.trim()) throw new AppError("bad_request", "Request body must be a JSON object.");
  return parseJsonText(text);
}
