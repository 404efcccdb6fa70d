import type { CaseEvent, RealtimeClientConfig } from "@/lib/adapters/realtime/events";
import { backoffMs, resolveUrl, type Connector } from "@/lib/adapters/realtime/client/port";

type SseConfig = Extract<RealtimeClientConfig, { driver: "sse" }>;

/**
 * SSE over fetch rather than EventSource: EventSource hides the status code (a 401 looks like a network
 * blip and retries forever) and cannot send headers; this sees 401/403 and stops, and sends Last-Event-ID.
 */
export const connectSse: Connector<SseConfig> = (config, handlers, opts) => {
  let closed = false;
  let abort: AbortController | undefined;
  let lastEventId: string | null = null;
  let retryMs = 2000;
  let wasLive = false;

  const run = async () => {
    handlers.onStatus("connecting");
    for (let attempt = 0; !closed; ) {
      abort = new AbortController();
      let idle: ReturnType<typeof setTimeout> | undefined;
      const touch = () => {
        clearTimeout(idle);
        // No bytes for 2.5 heartbeats: the connection is dead even if TCP has not noticed.
        idle = setTimeout(() => abort?.abort(), config.heartbeatMs * 2.5);
      };
      try {
        const res = await fetch(resolveUrl(config.url, opts), {
          headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}), ...config.headers },
          credentials: "same-origin",
          cache: "no-store",
          signal: abort.signal,
        });
        if (res.status === 401 || res.status === 403) {
          handlers.onStatus("denied");
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        // The server subscribes before it answers, so a 200 means live.
        handlers.onStatus("live");
        wasLive = true;
        attempt = 0;
        touch();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          touch();
          buffer += value;
          for (let end = buffer.search(/\r?\n\r?\n/); end >= 0; end = buffer.search(/\r?\n\r?\n/)) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + (buffer[end] === "\r" ? 4 : 2));
            const f = parseBlock(block);
            if (f.retry) retryMs = f.retry;
            if (f.event === "resync" || f.event === "case") {
              if (f.id) lastEventId = f.id;
              if (f.data)
                handlers.onEvent(
                  f.event === "resync" ? { type: "resync", at: new Date().toISOString() } : (JSON.parse(f.data) as CaseEvent),
                );
            }
          }
        }
      } catch {
        // network error, abort or bad frame: reconnect below
      } finally {
        clearTimeout(idle);
      }
      if (closed) return;
      // Say so at once, not after the back-off: the UI shows "reconnecting" while we wait.
      handlers.onStatus(wasLive ? "reconnecting" : "connecting");
      await new Promise((r) => setTimeout(r, backoffMs(retryMs, attempt++)));
    }
  };
  void run();
  return {
    close() {
      closed = true;
      abort?.abort();
    },
  };
};

function parseBlock(block: string): { id?: string; event?: string; data?: string; retry?: number } {
  const out: { id?: string; event?: string; data?: string; retry?: number } = {};
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(":")) continue;
    const i = line.indexOf(":");
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
    if (field === "id") out.id = value;
    else if (field === "event") out.event = value;
    else if (field === "data") out.data = out.data === undefined ? value : `${out.data}\n${value}`;
    else if (field === "retry" && /^\d+$/.test(value)) out.retry = Number(value);
  }
  return out;
}
