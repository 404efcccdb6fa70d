import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body of at most 64 KiB: 413 when larger, 400 when it is not JSON. */
export async function readJson(req: Request, opts: { optional?: boolean; maxBytes?: number } = {}): Promise<unknown> {
  const maxBytes = opts.maxBytes ?? MAX_BODY_BYTES;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `Request body is larger than ${maxBytes / 1024} KiB.`);
  const reader = req.body?.getReader();
  if (!reader && opts.optional) return {};
  if (!reader) throw new AppError("bad_request", "Request body must be a JSON object.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `Request body is larger than ${maxBytes / 1024} KiB.`);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim() && opts.optional) return {};
  if (!text.trim()) throw new AppError("bad_request", "Request body must be a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON.");
  }
}
