import http from "node:http";
import { PEER_HEADER } from "@/lib/transports/http/client-address";
import { refuseUndecodablePath } from "@/lib/transports/http/undecodable-path";
import { lazy } from "@/lib/platform/lazy";

/** Marks our wrapper on http.Server.prototype.emit, so a second call (after a cache reset, another bundle) never wraps it twice. */
const STAMPED = Symbol.for("switchboard.peer-stamp");

/**
 * Stamps every incoming request with its socket address (PEER_HEADER), overwriting anything the client
 * sent under that name, so route handlers can throttle by the real peer (lib/transports/http/client-address.ts).
 * Called once from instrumentation.ts under `next start` / `next dev`; on Vercel there is no Node server
 * of ours and x-forwarded-for (written by Vercel) is used instead. A path that is not valid percent-encoding
 * is answered 400 here, before Next.js (which would answer 500) and without reading the body.
 */
export function stampPeerAddress(): void {
  lazy("peer-address-stamp", "", patchServerEmit);
}

function patchServerEmit(): true {
  const emit = http.Server.prototype.emit;
  if ((emit as unknown as Record<symbol, boolean>)[STAMPED]) return true;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      if (refuseUndecodablePath(req, args[1] as http.ServerResponse)) return true;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "unknown";
    }
    return (emit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof emit;
  Object.defineProperty(http.Server.prototype.emit, STAMPED, { value: true });
  return true;
}
