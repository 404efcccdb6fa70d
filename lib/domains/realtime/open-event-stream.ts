import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { joinAccountHub } from "@/lib/adapters/realtime/sse/account-hub";
import type { CaseEvent, ResyncEvent } from "@/lib/adapters/realtime/events";

const RETRY_MS = 2000;
const encoder = new TextEncoder();

const frame = (e: CaseEvent | ResyncEvent) =>
  `${"id" in e ? `id: ${e.id}\n` : ""}event: ${e.type === "resync" ? "resync" : "case"}\ndata: ${JSON.stringify(e)}\n\n`;

/**
 * GET /api/events: the caller's account events as Server-Sent Events, straight from the event bus.
 * Frames: `event: case` (a CaseEvent, `id:` set), `event: resync` (refetch: events may have been missed),
 * `: ping` comments every heartbeat. With Last-Event-ID it replays what this instance still holds; if it
 * cannot, it sends `resync`. The stream ends after REALTIME_SSE_MAX_SECONDS and the browser reconnects.
 */
export async function openEventStream(deps: Deps, principal: Principal, req: Request): Promise<Response> {
  assertScope(principal, "hitl:answer");
  const lastEventId = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let started = false;
  const pending: CaseEvent[] = [];
  const sent = new Set<string>();
  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const send = (e: CaseEvent) => {
    if (sent.has(e.id)) return;
    sent.add(e.id);
    if (sent.size > 500) sent.delete(sent.values().next().value!);
    write(frame(e));
  };
  // Subscribe before answering, so nothing published after the 200 is missed.
  const { replayed, leave } = await joinAccountHub(
    deps.bus,
    principal.accountId,
    (e) => (started ? send(e) : pending.push(e)),
    lastEventId,
  );
  const heartbeat = setInterval(() => write(": ping\n\n"), deps.config.REALTIME_SSE_HEARTBEAT_SECONDS * 1000);
  const maxAge = setTimeout(() => close(), deps.config.REALTIME_SSE_MAX_SECONDS * 1000);
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(maxAge);
    req.signal.removeEventListener("abort", close);
    leave();
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  }
  req.signal.addEventListener("abort", close, { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write(`retry: ${RETRY_MS}\n: connected\n\n`);
      if (replayed) replayed.forEach(send);
      else write(frame({ type: "resync", at: new Date().toISOString() }));
      started = true;
      pending.splice(0).forEach(send);
      if (req.signal.aborted) close();
    },
    cancel: () => close(),
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: proxies and compression middleware must not buffer the stream.
      "cache-control": "no-cache, no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
