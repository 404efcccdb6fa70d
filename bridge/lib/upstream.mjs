// @ts-check
// The HTTP side: an official-SDK client to Switchboard's /api/mcp that survives a forgotten session and
// turns a cancellation into a closed request stream (what a stateless server can actually notice).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/**
 * fetch that gives every JSON-RPC request its own AbortController, so that when the SDK sends
 * notifications/cancelled for a request we also close that request's HTTP stream: a server without
 * sessions cannot route the notification to the running call, but it sees the disconnect.
 */
export function cancellableFetch() {
  /** @type {Map<string|number, AbortController>} */
  const inflight = new Map();
  /** @param {string | URL | Request} input @param {RequestInit} [init] */
  const fetchFn = async (input, init = {}) => {
    let message;
    try {
      message = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    } catch {
      message = undefined;
    }
    if (message?.method === "notifications/cancelled") {
      const id = message.params?.requestId;
      inflight.get(id)?.abort(new Error("cancelled by the client"));
      inflight.delete(id);
    }
    if (message?.method && message.id !== undefined) {
      const controller = new AbortController();
      inflight.set(message.id, controller);
      const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
      return fetch(input, { ...init, signal });
    }
    return fetch(input, init);
  };
  return { fetch: fetchFn, done: (/** @type {string|number} */ id) => inflight.delete(id), clear: () => inflight.clear() };
}

/** True when the server no longer knows our session (it answers 404 to a request carrying its id). */
export function isSessionGone(/** @type {unknown} */ e, /** @type {string|undefined} */ sessionId) {
  return Boolean(sessionId) && e instanceof StreamableHTTPError && e.code === 404;
}

/**
 * One logical connection to Switchboard. `request` forwards a JSON-RPC request; if the server forgot the
 * session it connects afresh (initialize again) and retries once, so the desktop client never notices.
 * @param {{ url: URL, key: string, clientInfo: { name: string, version: string }, onNotification: (n: any) => void, log: (msg: string) => void }} o
 */
export function createUpstream(o) {
  /** @type {Client | undefined} */
  let client;
  /** @type {StreamableHTTPClientTransport | undefined} */
  let transport;
  /** @type {Promise<Client> | undefined} */
  let connecting;
  const cancel = cancellableFetch();

  async function open() {
    const c = new Client(o.clientInfo, { capabilities: {} });
    const t = new StreamableHTTPClientTransport(o.url, {
      requestInit: { headers: { Authorization: `Bearer ${o.key}` } },
      fetch: cancel.fetch,
      // The standalone GET stream is optional; don't hammer a server that refuses it.
      reconnectionOptions: { maxReconnectionDelay: 30_000, initialReconnectionDelay: 1_000, reconnectionDelayGrowFactor: 2, maxRetries: 2 },
    });
    c.fallbackNotificationHandler = async (n) => o.onNotification(n);
    await c.connect(t);
    // Responses end a request's life: forget its abort controller.
    const onmessage = t.onmessage;
    t.onmessage = (m) => {
      if ("id" in m && ("result" in m || "error" in m)) cancel.done(/** @type {any} */ (m).id);
      onmessage?.(m);
    };
    client = c;
    transport = t;
    return c;
  }

  async function connect() {
    if (client) return client;
    connecting ??= open().finally(() => (connecting = undefined));
    return connecting;
  }

  async function reconnect() {
    const old = client;
    client = undefined;
    transport = undefined;
    cancel.clear();
    await old?.close().catch(() => {});
    return connect();
  }

  /**
   * @param {{ method: string, params?: any }} req @param {any} schema
   * @param {{ signal?: AbortSignal, onprogress?: (p: any) => void, timeout: number }} opts
   */
  async function request(req, schema, opts) {
    const c = await connect();
    const session = transport?.sessionId;
    const options = { signal: opts.signal, onprogress: opts.onprogress, timeout: opts.timeout, resetTimeoutOnProgress: true };
    try {
      return await c.request(req, schema, options);
    } catch (e) {
      if (!isSessionGone(e, session) || opts.signal?.aborted) throw e;
      o.log("the server forgot our session; initialising a new one and retrying");
      const fresh = client === c ? await reconnect() : await connect();
      return fresh.request(req, schema, options);
    }
  }

  return {
    connect,
    request,
    serverInfo: () => ({
      capabilities: client?.getServerCapabilities(),
      instructions: client?.getInstructions(),
      version: client?.getServerVersion(),
    }),
    sessionId: () => transport?.sessionId,
    close: async () => client?.close(),
  };
}
