import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { KINDS, readMatrix, type Expected, type Kind } from "@/tests/support/matrix/readme-matrix";
import { routeFixtures, type Fixture } from "@/tests/support/matrix/route-fixtures";

/**
 * Who may call what: every REST route × every credential kind against the README's permission matrix. Routes are
 * found on disk, so a new route file without a README row (or a row for a route that is gone) fails here.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}
const urlPath = (file: string) =>
  `/${path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))
    .join("/")}`;

type Handler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { permission?: unknown };
const routes: Array<{ name: string; handler: Handler; pattern: string }> = [];
const matrix = readMatrix("REST routes");
let app: App;
let fixtures: Record<string, () => Promise<Fixture>>;

beforeAll(async () => {
  for (const file of [...routeFiles(path.join(ROOT, "app/api")), ...routeFiles(path.join(ROOT, "app/.well-known"))]) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of METHODS)
      if (typeof mod[m] === "function") routes.push({ name: `${m} ${urlPath(file)}`, handler: mod[m] as Handler, pattern: urlPath(file) });
  }
  app = await startApp();
  fixtures = await routeFixtures(app);
}, 120_000);
afterAll(async () => app?.close());

async function call(r: (typeof routes)[number], kind: Kind, forged: Record<string, string> = {}): Promise<{ res: Response; f: Fixture }> {
  const f = await fixtures[r.name]!();
  const url = BASE + r.pattern.replace(/\{(\w+)\}/g, (_, k: string) => f.params?.[k] ?? "") + (f.query ?? "");
  const method = r.name.split(" ")[0]!;
  const body = f.rawBody ?? (f.body === undefined ? undefined : JSON.stringify(f.body));
  const headers = {
    host: "127.0.0.1:3000",
    origin: BASE,
    ...(body && !f.rawBody ? { "content-type": "application/json" } : {}),
    ...(await app.credential(kind)),
    ...f.headers,
    ...forged,
  };
  return { res: await r.handler(new Request(url, { method, headers, body }), { params: Promise.resolve(f.params ?? {}) }), f };
}

async function verdict(res: Response, expected: Expected, okStatuses: number[] = []): Promise<string | null> {
  const text = res.headers.get("content-type")?.includes("event-stream") ? (await res.body?.cancel(), "") : await res.text();
  const body = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  })();
  const got = `${res.status} ${text.slice(0, 160)}`;
  if (res.status >= 500) return `server error: ${got}`;
  if (expected === "ok") return res.status < 300 || okStatuses.includes(res.status) ? null : `expected allowed, got ${got}`;
  if (res.status !== expected) return `expected ${expected}, got ${got}`;
  if (expected === 403) {
    const scopes: unknown = body?.error?.details?.requiredScopes;
    if (!Array.isArray(scopes) || !scopes.length || !scopes.every((s) => body.error.message.includes(s)))
      return `403 does not name the scope needed: ${got}`;
  }
  return null;
}

describe("permission matrix: REST routes (README § Permission matrix)", () => {
  it("every route file has exactly one README row, and every README row is a route", () => {
    const names = routes.map((r) => r.name).sort();
    expect([...matrix.keys()].sort()).toEqual(names);
  });

  it("every route handler declares its permission where it is defined", () => {
    const undeclared = routes.filter((r) => !r.handler.permission).map((r) => r.name);
    expect(undeclared).toEqual([]);
  });

  it("every route × every credential kind gives the outcome the README says", async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const row = matrix.get(r.name);
      const make = fixtures[r.name];
      if (!row || !make) {
        failures.push(`${r.name}: ${row ? "no fixture in tests/support/matrix/route-fixtures.ts" : "no README row"}`);
        continue;
      }
      for (const kind of KINDS) {
        const { res, f } = await call(r, kind);
        const problem = await verdict(res, row.get(kind)!, f.okStatuses);
        if (problem) failures.push(`${r.name} × ${kind}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

/**
 * A member's session cookie is honoured only on a request addressed to this deployment, and (for writes)
 * sent by its own pages. A DNS-rebinding page (evil.example resolved to our address) sends Host and Origin
 * both evil.example; a cross-site form or fetch (CSRF) sends our Host with its own Origin. Every route a
 * session may call (and a visitor may not) must refuse both.
 */
describe("permission matrix: foreign Host and Origin with a member's session", () => {
  const REBINDING = { host: "evil.example:3000", origin: "http://evil.example:3000" };
  const CROSS_SITE = { origin: "https://evil.example" };
  const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

  it("every cookie-authenticated route refuses a foreign Host (rebinding) and, for writes, a foreign Origin (CSRF)", async () => {
    const failures: string[] = [];
    let walked = 0;
    for (const r of routes) {
      const row = matrix.get(r.name);
      if (!row || row.get("none") === "ok") continue; // open to anyone: the cookie adds nothing
      for (const kind of ["operator", "admin"] as const) {
        if (row.get(kind) !== "ok") continue;
        walked++;
        const rebound = await call(r, kind, REBINDING);
        if (rebound.res.status !== 403) failures.push(`${r.name} × ${kind} from evil.example: ${rebound.res.status}`);
        else if (!/not this deployment/.test(await rebound.res.text())) failures.push(`${r.name} × ${kind}: 403 does not say why`);
        if (SAFE.has(r.name.split(" ")[0]!)) continue;
        const forged = await call(r, kind, CROSS_SITE);
        if (forged.res.status !== 403) failures.push(`${r.name} × ${kind} with Origin evil.example: ${forged.res.status}`);
      }
    }
    expect(walked).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  }, 300_000);
});
