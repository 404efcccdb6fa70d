import { handleWhen, retry } from "cockatiel";
import type { z } from "zod";
import { log } from "@/lib/platform/log";
import { inlineBackoff } from "@/lib/platform/resilience/backoff";
import { isTelephonyError, TelephonyError } from "./port";

export type HttpClientOptions = {
  vendor: string;
  baseUrl: string;
  /** Sent with every request; values are never logged. */
  headers: Record<string, string>;
  timeoutMs: number;
  /** Retries for idempotent requests on network errors, 429 and 5xx. */
  maxRetries: number;
  /** Longest Retry-After we will sleep through in-line; longer ones go back to the caller as retryAfterMs. */
  maxRetryWaitMs?: number;
  backoffBaseMs?: number;
  /** Pulls a human-readable message out of the vendor's error body. */
  errorMessage?: (body: unknown) => string | undefined;
};

type RequestOptions = { body?: unknown; idempotent?: boolean; headers?: Record<string, string> };

/** Parses Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The one base HTTP client for telephony vendors: timeout, retries (cockatiel) with exponential backoff
 * (honouring Retry-After) for idempotent requests only, zod-validated JSON, and TelephonyError with a retryable flag.
 * Only the method and path are logged — never headers or bodies, which carry keys and phone numbers.
 */
export function createHttpClient(o: HttpClientOptions) {
  const maxWait = o.maxRetryWaitMs ?? 10_000;
  const base = o.backoffBaseMs ?? 200;

  /** One try: the response when it is 2xx, else a TelephonyError saying whether another try may help. */
  async function once(method: string, path: string, opts: RequestOptions): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${o.baseUrl}${path}`, {
        method,
        headers: {
          accept: "application/json",
          ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
          ...o.headers,
          ...opts.headers,
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (e) {
      const timeout = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
      throw new TelephonyError(`${o.vendor}: ${timeout ? `no answer within ${o.timeoutMs} ms` : "could not be reached"}`, {
        retryable: true,
      });
    }
    if (res.ok) return res;
    throw await toError(res);
  }

  // Retries (idempotent requests only) with cockatiel on the shared backoff policy, never sooner than the
  // vendor's Retry-After; a Retry-After longer than maxWait goes back to the caller instead.
  const retryable = handleWhen((e) => isTelephonyError(e) && e.opts.retryable === true && (e.opts.retryAfterMs ?? 0) <= maxWait);
  const backoff = inlineBackoff({ baseMs: base, maxMs: maxWait }, (e) => (isTelephonyError(e) ? e.opts.retryAfterMs : undefined));
  const retryPolicy = retry(retryable, { maxAttempts: o.maxRetries, backoff });

  async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    let attempt = 0;
    const run = () => {
      attempt++;
      return once(method, path, opts);
    };
    try {
      return await (opts.idempotent ? retryPolicy.execute(run) : run());
    } catch (e) {
      const failure = isTelephonyError(e) ? e : new TelephonyError(`${o.vendor}: could not be reached`, { retryable: true });
      // A 404 or 400 is an answer the caller handles; keys, limits and outages are worth a warning.
      const quiet = failure.opts.status === 404 || failure.opts.status === 400;
      log[quiet ? "debug" : "warn"](
        { vendor: o.vendor, method, path: redactPath(path), status: failure.opts.status, attempt },
        `${o.vendor} request failed`,
      );
      throw failure;
    }
  }

  async function toError(res: Response): Promise<TelephonyError> {
    const text = await res.text().catch(() => "");
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text out of messages, it may be an HTML error page */
    }
    const detail = o.errorMessage?.(body) ?? `HTTP ${res.status}`;
    const retryable = res.status === 429 || res.status >= 500;
    return new TelephonyError(`${o.vendor}: ${detail}`, {
      status: res.status,
      retryable,
      retryAfterMs: retryable ? parseRetryAfter(res.headers.get("retry-after")) : undefined,
    });
  }

  return {
    async json<S extends z.ZodType>(method: string, path: string, schema: S, opts: RequestOptions = {}): Promise<z.infer<S>> {
      const res = await send(method, path, { idempotent: method === "GET", ...opts });
      const parsed = schema.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success) {
        log.warn(
          { vendor: o.vendor, method, path: redactPath(path), issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join(".")) },
          `${o.vendor} answered in an unexpected shape`,
        );
        throw new TelephonyError(`${o.vendor}: unexpected response`, { status: 502, retryable: true });
      }
      return parsed.data;
    },
    async bytes(path: string, opts: RequestOptions = {}): Promise<{ contentType: string; body: Uint8Array }> {
      const res = await send("GET", path, { idempotent: true, ...opts });
      return { contentType: res.headers.get("content-type") ?? "application/octet-stream", body: new Uint8Array(await res.arrayBuffer()) };
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

// Call ids in paths are not secret, but query strings could carry tokens.
const redactPath = (p: string) => p.replace(/\?.*$/, "?…");
