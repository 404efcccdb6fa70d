import type { RealtimeClientConfig, RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";
import { retryDelayMs } from "@/lib/platform/resilience/backoff";

export type RealtimeHandlers = {
  onEvent: (e: RealtimeEvent) => void;
  onStatus: (s: RealtimeStatus) => void;
};

/** Outside a browser (tests, scripts): where relative endpoints in the config resolve. */
export type ConnectOptions = {
  baseUrl?: string;
  /** A WebSocket constructor where there is no global one (Node 20: the `ws` package). */
  webSocket?: unknown;
};

export type RealtimeConnection = { close: () => void };

export type Connector<C extends RealtimeClientConfig> = (config: C, handlers: RealtimeHandlers, opts: ConnectOptions) => RealtimeConnection;

export const resolveUrl = (path: string, opts: ConnectOptions) => (opts.baseUrl ? new URL(path, opts.baseUrl).toString() : path);

/** Reconnect delay: the shared backoff policy from the server's hint, capped at 30 s, its jitter keeping tabs from stampeding. */
export const backoffMs = (base: number, attempt: number) => retryDelayMs(attempt + 1, { baseMs: base, maxMs: 30_000 });
