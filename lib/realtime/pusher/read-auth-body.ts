import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-json";

/** pusher-js posts `socket_id=…&channel_name=…` form-encoded; accept JSON too for other clients. */
export async function readPusherAuthBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return readJson(req);
  const text = await req.text();
  if (text.length > 4096) throw new AppError("payload_too_large", "Request body is larger than 4 KiB.");
  return Object.fromEntries(new URLSearchParams(text));
}
