import { circuitBreaker, ConsecutiveBreaker, handleWhen, retry, wrap } from "cockatiel";
import { inlineBackoff } from "@/lib/platform/resilience/backoff";
import { AppError } from "@/lib/platform/errors";
import { lazy } from "@/lib/platform/lazy";
import { log } from "@/lib/platform/log";
import type { ChronogolfConfig } from "@/lib/domains/golf/settings";
import { sendToChronogolf, type ChronogolfAnswer } from "@/lib/domains/golf/chronogolf/http";
import type { AccessToken, TokenStore } from "@/lib/domains/golf/chronogolf/token-store";

/**
 * The Lightspeed Golf (Chronogolf) Partner API v2 over HTTP: OAuth 2.0 refresh-token grant at
 * `POST /oauth/token`, JSON:API bodies (`application/vnd.api+json`), errors as `{errors:[{status,code,detail}]}`.
 * Reads are retried on 429/5xx/network errors (cockatiel, with backoff); writes never are. A breaker per
 * server stops hammering one that keeps failing. Only method, path and status are logged — never tokens.
 */
export const JSON_API = "application/vnd.api+json";
const DOWN = "The golf booking service isn't answering right now; please try again in a minute.";

export class ChronogolfHttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`Chronogolf answered ${status}: ${detail}`);
    this.name = "ChronogolfHttpError";
  }
}
/** Matched by name and shape, never instanceof (rule of the code base: class identity does not hold across bundles). */
export const isChronogolfHttpError = (e: unknown): e is ChronogolfHttpError =>
  typeof e === "object" &&
  e !== null &&
  (e as Error).name === "ChronogolfHttpError" &&
  typeof (e as ChronogolfHttpError).status === "number";
const retryable = (e: unknown) => !isChronogolfHttpError(e) || e.status === 429 || e.status >= 500;

const makeBreaker = () => circuitBreaker(handleWhen(retryable), { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
// The process's tokens and breakers, in the process cache (lib/platform/lazy.ts): shared by every route bundle, forgotten by resetProcessDeps().
const processState = () =>
  lazy("chronogolf", "", () => ({
    tokens: new Map<string, Promise<AccessToken>>(),
    breakers: new Map<string, ReturnType<typeof makeBreaker>>(),
  }));
const breakerFor = (base: string) => {
  const { breakers } = processState();
  let b = breakers.get(base);
  if (!b) {
    b = makeBreaker();
    breakers.set(base, b);
  }
  return b;
};
const readRetry = retry(handleWhen(retryable), { maxAttempts: 2, backoff: inlineBackoff({ baseMs: 200, maxMs: 2000 }) });

async function errorDetail(res: ChronogolfAnswer): Promise<string> {
  const body = (await res.json().catch(() => null)) as { errors?: Array<{ detail?: string; title?: string; code?: string }> } | null;
  const first = body?.errors?.[0];
  return (first?.detail ?? first?.title ?? first?.code ?? `HTTP ${res.status}`).slice(0, 300);
}

export type ChronogolfClient = {
  get<T>(path: string, query?: Record<string, string>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  del(path: string): Promise<void>;
};

export function chronogolfClient(cfg: ChronogolfConfig, store: TokenStore): ChronogolfClient {
  // The instance's refresh token is one for every account that books with it (it rotates on use).
  const key = cfg.credentials === "instance" ? `${cfg.baseUrl}|instance` : `${cfg.baseUrl}|${cfg.clientId}|${cfg.organizationId}`;
  const breaker = breakerFor(cfg.baseUrl);
  const { tokens } = processState();

  async function fetchToken(refreshToken: string): Promise<AccessToken> {
    // In the form body (RFC 6749 §2.3.1), never the query string, which access logs and proxies keep.
    const form = new URLSearchParams({
      client_id: cfg.clientId,
      client_secret: cfg.clientSecret,
      refresh_token: refreshToken,
      grant_type: "refresh_token",
      redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
    });
    const res = await sendToChronogolf(cfg, `${cfg.baseUrl}/oauth/token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    if (!res.ok)
      throw new ChronogolfHttpError(
        res.status,
        res.status === 400 || res.status === 401 ? "the partner credentials were refused" : await errorDetail(res),
      );
    const body = (await res.json()) as { access_token?: string; refresh_token?: string; expires_in?: number };
    if (!body.access_token) throw new ChronogolfHttpError(502, "no access_token in the token response");
    // Kept at once, before anything else can fail: the old one no longer works.
    if (body.refresh_token && body.refresh_token !== refreshToken) await store.saveRefreshToken(body.refresh_token);
    return { accessToken: body.access_token, expiresAt: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 60) * 1000 };
  }

  /**
   * A new access token, unless another process made one meanwhile: under the store's cross-process lock, the
   * shared token is used when it is not the one that was just refused (`failed`) and has not expired; else the
   * latest refresh token is spent and the new access token shared.
   */
  const refresh = (failed: string | undefined) =>
    store.exclusive(async () => {
      const shared = await store.accessToken();
      if (shared && shared.accessToken !== failed && shared.expiresAt > Date.now()) return shared;
      const fresh = await fetchToken(await store.refreshToken());
      await store.saveAccessToken(fresh);
      return fresh;
    });

  /** One token per credential and server, shared by concurrent requests of the process (a refresh token is used once). */
  async function token(failed?: string): Promise<string> {
    const current = tokens.get(key);
    if (current) {
      const t = await current.catch(() => null);
      if (t && t.accessToken !== failed && t.expiresAt > Date.now()) return t.accessToken;
      // Another request of this process started a refresh while this one waited: use that one.
      if (tokens.get(key) !== current) return token(failed);
    }
    const p = refresh(failed);
    tokens.set(key, p);
    p.catch(() => {
      if (tokens.get(key) === p) tokens.delete(key);
    });
    return (await p).accessToken;
  }

  async function send(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<ChronogolfAnswer> {
    const url = `${cfg.baseUrl}${path}${query ? `?${new URLSearchParams(query)}` : ""}`;
    let refused: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const bearer = await token(refused);
      const res = await sendToChronogolf(cfg, url, {
        method,
        headers: {
          accept: JSON_API,
          authorization: `Bearer ${bearer}`,
          ...(body !== undefined ? { "content-type": JSON_API } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      // An expired or retired access token: another once (refreshed, or the one another process made).
      if (res.status === 401 && attempt === 1) {
        refused = bearer;
        continue;
      }
      if (!res.ok) throw new ChronogolfHttpError(res.status, await errorDetail(res));
      return res;
    }
  }

  async function guarded<T>(method: string, path: string, fn: () => Promise<T>, idempotent: boolean): Promise<T> {
    try {
      return await (idempotent ? wrap(readRetry, breaker) : breaker).execute(fn);
    } catch (e) {
      const status = isChronogolfHttpError(e) ? e.status : undefined;
      log[status && status < 500 && status !== 429 ? "info" : "warn"](
        { vendor: "chronogolf", method, path: path.replace(/[0-9a-f-]{36}/gi, ":id"), status },
        "chronogolf request failed",
      );
      if (isChronogolfHttpError(e) && !retryable(e)) throw e;
      throw new AppError("unavailable", DOWN, { vendor: "chronogolf" });
    }
  }

  return {
    get: (path, query) => guarded("GET", path, async () => (await send("GET", path, undefined, query)).json() as never, true),
    post: (path, body) => guarded("POST", path, async () => (await send("POST", path, body)).json() as never, false),
    del: (path) => guarded("DELETE", path, async () => void (await send("DELETE", path)), false),
  };
}
