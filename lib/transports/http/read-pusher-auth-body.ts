import { readText } from "@/lib/transports/http/read-body";
import { parseJsonText } from "@/lib/transports/http/read-json";

const MAX_AUTH_BODY_BYTES = 4096;

/** pusher-js posts `socket_id=…&channel_name=…` form-encoded; accept JSON too for other clients. At most 4 KiB either way. */
export async function readPusherAuthBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readText(req, MAX_AUTH_BODY_BYTES);
  if (type.includes("application/json")) return parseJsonText(text);
  return Object.fromEntries(new URLSearchParams(text));
}
