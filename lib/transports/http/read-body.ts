import { AppError, isAppError } from "@/lib/platform/errors";

/** The default limit of a request body (REST, MCP); routes with other needs pass their own. */
export const MAX_BODY_BYTES = 64 * 1024;

const describeBytes = (n: number) =>
  n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;

export const bodyTooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `Request body is larger than ${describeBytes(maxBytes)}.`, { maxBytes });

/**
 * The one way a request body is read: streamed chunk by chunk, counting bytes, and abandoned with 413 as
 * soon as it passes `maxBytes` — whether or not the client declared a Content-Length (a chunked upload
 * declares none, and a declared length may lie). Nothing past the limit is buffered.
 */
export async function readBody(req: Request, maxBytes: number = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw bodyTooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw bodyTooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (e) {
    void reader.cancel().catch(() => {});
    if (isAppError(e)) throw e;
    throw new AppError("bad_request", "The request body could not be read (the connection ended early).");
  }
  return chunks.length === 1 ? chunks[0]! : new Uint8Array(Buffer.concat(chunks));
}

/** The body as UTF-8 text, at most `maxBytes` of it (413 past that). */
export async function readText(req: Request, maxBytes: number = MAX_BODY_BYTES): Promise<string> {
  return Buffer.from(await readBody(req, maxBytes)).toString("utf8");
}
