import dns from "node:dns";
import net from "node:net";
import { Agent, request } from "undici";
import { isAddressAllowed, judgeAddress } from "@/lib/platform/outbound/address-policy";
import { isOutboundError, OUTBOUND_REFUSED_SOCKET_CODE, outboundError, type OutboundPolicy } from "@/lib/platform/outbound/outbound-error";

/**
 * The one way out for a URL a tenant, an API key or a model chose (callbacks, an account's ntfy server or
 * Chronogolf base URL, OAuth client metadata documents). The address is checked inside the socket's own DNS
 * lookup, so a name that resolved to a public address a moment ago cannot be rebound to a private one for
 * the connection; an IP literal (which skips lookup) is checked before connecting. Redirects are never
 * followed (undici's request does not follow them), and time and response size are bounded.
 */
export type OutboundResponse = {
  status: number;
  ok: boolean;
  header: (name: string) => string | null;
  text: string;
  json: () => unknown;
};

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!addresses.length || addresses.some((a) => !isAddressAllowed(a.address, allowLoopback))) {
        const refused = Object.assign(new Error(`${hostname} resolves to a private or reserved address`), {
          code: OUTBOUND_REFUSED_SOCKET_CODE,
        });
        return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

type Holder = typeof globalThis & { __outboundAgents?: Map<boolean, Agent> };
(globalThis as Holder).__outboundAgents ??= new Map();
// One pool per policy for the whole process (route chunks share it through globalThis).
const agents = (globalThis as Holder).__outboundAgents!;
function agentFor(allowLoopback: boolean): Agent {
  let agent = agents.get(allowLoopback);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(allowLoopback) as never }, keepAliveTimeout: 4000 });
    agents.set(allowLoopback, agent);
  }
  return agent;
}

/** Refuses what can be judged from the URL alone: scheme, credentials, an IP literal outside the policy. */
export function assertUrlShape(rawUrl: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw outboundError("outbound_refused", "is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw outboundError("outbound_refused", "must be an http(s) URL");
  if (url.username || url.password) throw outboundError("outbound_refused", "must not carry a user name or password");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !isAddressAllowed(host, policy.allowLoopback))
    throw outboundError("outbound_refused", `points at ${host}, a private or reserved address`);
  const loopbackHttp = policy.allowLoopback && (net.isIP(host) ? judgeAddress(host) === "loopback" : host === "localhost");
  if (url.protocol === "http:" && policy.requireHttps && !loopbackHttp) throw outboundError("outbound_refused", "must be an https URL");
  return url;
}

/** Sends one request under the policy; a refusal or failure throws an OutboundError (matched by `code`). */
export async function fetchOutbound(
  rawUrl: string,
  init: { method: "GET" | "POST" | "DELETE"; headers?: Record<string, string>; body?: string; signal?: AbortSignal; ignoreBody?: boolean },
  policy: OutboundPolicy,
): Promise<OutboundResponse> {
  const url = assertUrlShape(rawUrl, policy);
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(url, {
      dispatcher: agentFor(policy.allowLoopback),
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal,
    });
  } catch (e) {
    throw failureOf(e, timeout, policy);
  }
  // Stopping a body early makes undici emit an abort error on it; nobody else listens, so it is noted here.
  res.body.on("error", () => {});
  const chunks: Buffer[] = [];
  let size = 0;
  if (init.ignoreBody) await res.body.dump({ limit: policy.maxBytes }).catch(() => {});
  try {
    if (!init.ignoreBody)
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > policy.maxBytes) {
          res.body.destroy();
          throw outboundError("outbound_failed", `is larger than ${policy.maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
  } catch (e) {
    throw failureOf(e, timeout, policy);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return {
    status: res.statusCode,
    ok: res.statusCode >= 200 && res.statusCode < 300,
    header: (name) => {
      const v = res.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
    text,
    json: () => JSON.parse(text),
  };
}

function failureOf(e: unknown, timeout: AbortSignal, policy: OutboundPolicy) {
  if (isOutboundError(e)) return e;
  const codes = [e, (e as { cause?: unknown })?.cause].map((x) => (x as { code?: string } | undefined)?.code);
  if (codes.includes(OUTBOUND_REFUSED_SOCKET_CODE))
    return outboundError("outbound_refused", "resolves to a private or reserved address", { cause: e });
  if (timeout.aborted) return outboundError("outbound_failed", `did not answer within ${policy.timeoutMs} ms`, { cause: e, timeout: true });
  const code = codes.find((c) => typeof c === "string" && c !== "UND_ERR_ABORTED");
  return outboundError("outbound_failed", `could not be reached${code ? ` (${code})` : ""}`, { cause: e });
}

/** Resolves the URL's host now and refuses it if any address is outside the policy: the check at input time. */
export async function checkOutboundUrl(rawUrl: string, policy: OutboundPolicy, resolveTimeoutMs = 2000): Promise<void> {
  const url = assertUrlShape(rawUrl, policy);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const addresses = await Promise.race([
    dns.promises.lookup(host, { all: true, verbatim: true }).catch(() => null),
    new Promise<null>((r) => (timer = setTimeout(() => r(null), resolveTimeoutMs))),
  ]).finally(() => clearTimeout(timer));
  // A name that does not resolve now is not refused here: the delivery checks again and records why it failed.
  if (addresses?.some((a) => !isAddressAllowed(a.address, policy.allowLoopback)))
    throw outboundError("outbound_refused", `points at ${host}, which resolves to a private or reserved address`);
}
