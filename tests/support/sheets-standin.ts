/**
 * A local stand-in for the Google Sheets API v4 and Google's OAuth token endpoint, for tests and the bench.
 *
 * - `POST /token`: the service-account JWT bearer grant. The assertion must be RS256-signed with the
 *   account's key (checked against its public key), iss = the account, aud = Google's token URL, a scope
 *   including spreadsheets, unexpired. Answers `{access_token, expires_in, token_type}`.
 * - Every `/v4/…` request needs `Authorization: Bearer <issued token>` (401 UNAUTHENTICATED), the right
 *   spreadsheet id (404) and a shared sheet (403 PERMISSION_DENIED) — Google's error JSON throughout.
 * - `GET spreadsheets/{id}`, `POST spreadsheets/{id}:batchUpdate` (addSheet, updateSheetProperties of the
 *   grid size), `GET|PUT values/{range}`, `POST values/{range}:append`, `POST values:batchUpdate`,
 *   `POST values:batchClear`. Writes outside the grid are refused (400), as Google does.
 * - A per-user quota over a sliding 60 s window (reads and writes counted apart) → 429 RESOURCE_EXHAUSTED;
 *   every request's time is recorded so a test can check the most seen in any window.
 * - Faults: `faults.rate429/rate5xx/rateTimeout` (a time-out AFTER the write was applied: the reply never
 *   comes), `faults.outage` (connections are dropped), `failNext([...])` for an exact sequence.
 */
import { createPublicKey, createVerify, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Grid } from "./sheets-grid";

export const GOOGLE_TOKEN_AUD = "https://oauth2.googleapis.com/token";
export type Fault = "429" | "500" | "503" | "timeout";
export type StandinOptions = {
  spreadsheetId: string;
  clientEmail: string;
  publicKeyPem: string;
  quotaPerMinute?: number;
  now?: () => number;
  hangMs?: number;
  seed?: number;
};

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
const gErr = (status: number, statusText: string, message: string): Reply => ({
  status,
  body: { error: { code: status, message, status: statusText } },
});

export async function startSheetsStandin(o: StandinOptions) {
  const grid = new Grid();
  const tokens = new Set<string>();
  const now = o.now ?? Date.now;
  const quota = o.quotaPerMinute ?? 60;
  let seed = o.seed ?? 42;
  // mulberry32: a seeded generator, so a failing run can be replayed
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const state = {
    grid,
    shared: true,
    faults: { rate429: 0, rate5xx: 0, rateTimeout: 0, outage: false },
    queue: [] as Fault[],
    writes: [] as number[],
    reads: [] as number[],
    tokenRequests: 0,
    rejectedOverQuota: 0,
    injected: { "429": 0, "5xx": 0, timeout: 0 },
    log: [] as Array<{ method: string; path: string; status: number; at: number }>,
  };
  const open = new Set<ServerResponse>();

  const withinWindow = (log: number[]) => log.filter((t) => t > now() - 60_000).length;

  function token(body: string): Reply {
    state.tokenRequests++;
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
      return { status: 400, body: { error: "unsupported_grant_type" } };
    const [h, p, s] = (form.get("assertion") ?? "").split(".");
    if (!h || !p || !s) return { status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT" } };
    const header = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string };
    const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as {
      iss?: string;
      aud?: string;
      scope?: string;
      exp?: number;
      iat?: number;
    };
    const ok =
      header.alg === "RS256" &&
      createVerify("RSA-SHA256").update(`${h}.${p}`).verify(createPublicKey(o.publicKeyPem), Buffer.from(s, "base64url"));
    if (!ok) return { status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } };
    if (
      claims.iss !== o.clientEmail ||
      claims.aud !== GOOGLE_TOKEN_AUD ||
      !claims.scope?.split(" ").includes("https://www.googleapis.com/auth/spreadsheets")
    )
      return { status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT claims (iss, aud or scope)." } };
    if (!claims.exp || claims.exp * 1000 < Date.now() || claims.exp - (claims.iat ?? 0) > 3600)
      return { status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT: Token must be a short-lived token." } };
    const t = randomBytes(16).toString("hex");
    tokens.add(t);
    return { status: 200, body: { access_token: t, expires_in: 3599, token_type: "Bearer" } };
  }

  function api(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): Reply | "applied" {
    const m = /^\/v4\/spreadsheets\/([^/:]+)(:batchUpdate)?(?:\/values(?::(batchUpdate|batchClear)|\/([^/]+?)(:append)?))?$/.exec(path);
    if (!m) return gErr(404, "NOT_FOUND", `Not found: ${path}`);
    if (decodeURIComponent(m[1]!) !== o.spreadsheetId) return gErr(404, "NOT_FOUND", "Requested entity was not found.");
    if (!state.shared) return gErr(403, "PERMISSION_DENIED", "The caller does not have permission");
    const range = m[4] ? decodeURIComponent(m[4]) : undefined;
    const isRead = method === "GET";
    if (withinWindow(isRead ? state.reads : state.writes) >= quota) {
      state.rejectedOverQuota++;
      return gErr(
        429,
        "RESOURCE_EXHAUSTED",
        `Quota exceeded for quota metric '${isRead ? "Read" : "Write"} requests' and limit '${isRead ? "Read" : "Write"} requests per minute per user'.`,
      );
    }
    (isRead ? state.reads : state.writes).push(now());
    const rows = (v: unknown) =>
      Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((c) => ["string", "number", "boolean"].includes(typeof c)));
    try {
      if (method === "GET" && !range)
        return {
          status: 200,
          body: {
            spreadsheetId: o.spreadsheetId,
            sheets: grid.tabs.map((t) => ({
              properties: {
                sheetId: t.sheetId,
                title: t.title,
                index: 0,
                sheetType: "GRID",
                gridProperties: { rowCount: t.rowCount, columnCount: t.columnCount },
              },
            })),
          },
        };
      if (method === "GET") return { status: 200, body: { range, majorDimension: "ROWS", values: grid.read(range!) } };
      const input = query.get("valueInputOption") ?? (body.valueInputOption as string | undefined);
      const needInput = () => {
        if (!["RAW", "USER_ENTERED"].includes(String(input))) throw new Error("Invalid valueInputOption: must be RAW or USER_ENTERED");
      };
      if (m[2]) {
        const requests = body.requests as Array<Record<string, any>> | undefined;
        if (!Array.isArray(requests) || !requests.length) throw new Error("Invalid requests: must be a non-empty list");
        for (const r of requests) {
          if (r.addSheet)
            grid.addTab(
              r.addSheet.properties?.title,
              r.addSheet.properties?.gridProperties?.rowCount,
              r.addSheet.properties?.gridProperties?.columnCount,
            );
          else if (r.updateSheetProperties?.fields === "gridProperties.rowCount") {
            const t = grid.tabs.find((x) => x.sheetId === r.updateSheetProperties.properties?.sheetId);
            if (!t) throw new Error(`No grid with id: ${r.updateSheetProperties.properties?.sheetId}`);
            t.rowCount = Number(r.updateSheetProperties.properties.gridProperties.rowCount);
          } else throw new Error(`Unsupported request in stand-in: ${Object.keys(r).join(",")}`);
        }
        return "applied";
      }
      if (m[3] === "batchClear") {
        for (const r of (body.ranges as string[]) ?? []) grid.clear(r);
        return "applied";
      }
      if (m[3] === "batchUpdate") {
        needInput();
        const data = body.data as Array<{ range?: string; values?: unknown }>;
        if (!Array.isArray(data) || !data.length || data.some((d) => typeof d.range !== "string" || !rows(d.values)))
          throw new Error("Invalid data: each entry needs a range and values (a list of rows)");
        for (const d of data) grid.write(d.range!, d.values as (string | number)[][]);
        return "applied";
      }
      needInput();
      if (!rows(body.values)) throw new Error("Invalid values: must be a list of rows");
      if (m[5]) {
        const title = range!.includes("!") ? range!.split("!")[0]!.replace(/^'|'$/g, "") : range!;
        grid.write(`'${title}'!A${grid.lastDataRow(title) + 1}`, body.values as (string | number)[][]);
        return "applied";
      }
      if (method === "PUT") {
        grid.write(range!, body.values as (string | number)[][]);
        return "applied";
      }
      return gErr(404, "NOT_FOUND", `Not found: ${method} ${path}`);
    } catch (e) {
      return gErr(400, "INVALID_ARGUMENT", (e as Error).message);
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const text = Buffer.concat(chunks).toString();
      const send = (r: Reply) => {
        state.log.push({ method: req.method!, path: url.pathname, status: r.status, at: Date.now() });
        res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
        res.end(JSON.stringify(r.body ?? {}));
      };
      if (state.faults.outage) return req.socket.destroy();
      if (url.pathname === "/token") return send(token(text));
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
      if (!auth || !tokens.has(auth[1]!)) return send(gErr(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
      const fault =
        state.queue.shift() ??
        (random() < state.faults.rate429
          ? "429"
          : random() < state.faults.rate5xx
            ? "503"
            : random() < state.faults.rateTimeout
              ? "timeout"
              : undefined);
      if (fault === "429") {
        state.injected["429"]++;
        return send({ ...gErr(429, "RESOURCE_EXHAUSTED", "Quota exceeded (injected)."), headers: { "retry-after": "1" } });
      }
      if (fault === "500" || fault === "503") {
        state.injected["5xx"]++;
        return send(gErr(Number(fault), fault === "500" ? "INTERNAL" : "UNAVAILABLE", "The service is currently unavailable (injected)."));
      }
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        return send(gErr(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
      }
      const r = api(req.method!, url.pathname, url.searchParams, body);
      if (fault === "timeout" && r === "applied") {
        // Applied, but the reply never arrives: the client times out not knowing whether it happened.
        state.injected.timeout++;
        open.add(res);
        setTimeout(() => (open.delete(res), req.socket.destroy()), o.hangMs ?? 2000).unref();
        return;
      }
      send(r === "applied" ? { status: 200, body: { spreadsheetId: o.spreadsheetId } } : r);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** The most requests seen in any 60 s window (by the stand-in's clock). */
  const maxInWindow = (log: number[]) => log.reduce((best, t, i) => Math.max(best, log.slice(i).filter((x) => x < t + 60_000).length), 0);
  return {
    state,
    grid,
    url,
    tokenUrl: `${url}/token`,
    failNext: (faults: Fault[]) => state.queue.push(...faults),
    maxWritesInWindow: () => maxInWindow(state.writes),
    maxReadsInWindow: () => maxInWindow(state.reads),
    read: (range: string) => grid.read(range),
    close: async () => {
      for (const r of open) r.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type SheetsStandin = Awaited<ReturnType<typeof startSheetsStandin>>;
