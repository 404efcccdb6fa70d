import type http from "node:http";

/**
 * Answers 400 to a request whose path is not valid percent-encoding (`/api/cases/%E0%A4%A`), before Next.js
 * sees it: Next.js fails to decode such a dynamic segment and answers a bare 500 before any route code runs.
 * Runs on the Node server (lib/transports/http/peer-address.ts), so the body is never buffered: the answer goes
 * out at once and Node discards whatever the client still sends. Returns whether it answered.
 */
export function refuseUndecodablePath(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const body = JSON.stringify({ error: { code: "bad_request", message: "The path is not valid percent-encoding." } });
    res.writeHead(400, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    res.end(body);
    return true;
  }
}
