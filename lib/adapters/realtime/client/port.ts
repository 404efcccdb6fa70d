import type { RealtimeClientConfig, RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";

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

/** Reconnect delay: the server's hint, doubled per failed attempt, capped, with jitter so tabs don't stampede. */
export const backoffMs = (base: number, attempt: number) =>
  Math.min(30_000, base * 2 ** Math.min(attempt, 5)) * (0.75 + Math.random() * 0.5);
