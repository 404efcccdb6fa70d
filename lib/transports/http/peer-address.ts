import http from "node:http";
import { PEER_HEADER } from "@/lib/transports/http/client-address";
import { refuseUndecodablePath } from "@/lib/transports/http/undecodable-path";

const state = globalThis as typeof globalThis & { __switchboardPeerStamp?: boolean };

/**
 * Stamps every incoming request with its socket address (PEER_HEADER), overwriting anything the client
 * sent under that name, so route handlers can throttle by the real peer (lib/transports/http/client-address.ts).
 * Called once from instrumentation.ts under `next start` / `next dev`; on Vercel there is no Node server
 * of ours and x-forwarded-for (written by Vercel) is used instead. A path that is not valid percent-encoding
 * is answered 400 here, before Next.js (which would answer 500) and without reading the body.
 */
export function stampPeerAddress(): void {
  if (state.__switchboardPeerStamp) return;
  state.__switchboardPeerStamp = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      if (refuseUndecodablePath(req, args[1] as http.ServerResponse)) return true;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "unknown";
    }
    return (emit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof emit;
}
