import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectLegacy, type McpTestClient } from "./support/mcp-clients";
import { badValue, LEAK } from "./support/fuzz-values";
import { ROUTES, TOOLS } from "./support/fuzz-routes";
import { fieldNames, mutation, send } from "./support/fuzz-request";
import { ISOLATED_RETELL_KEY, startIsolatedApp } from "./support/isolated-app";

// Generated bad input on every REST route and MCP tool — NUL bytes, odd unicode, deep
// nesting, huge strings, wrong types, out-of-range numbers and dates, broken encodings and cookies.
// Never a 5xx, never internals in the body, and a 400/422 names the field. Seeded and bounded.
const SEED = 20261201;
let iso: Awaited<ReturnType<typeof startIsolatedApp>> & { sessionCookie?: string };
let mcp: McpTestClient;

beforeAll(async () => {
  iso = await startIsolatedApp();
  const stored = await fetch(`${iso.baseUrl}/api/settings/retell`, {
    method: "PUT",
    headers: { authorization: `Bearer ${iso.key}`, "content-type": "application/json" },
    body: JSON.stringify({ apiKey: ISOLATED_RETELL_KEY }),
  });
  if (!stored.ok) throw new Error(`storing the Retell key: ${stored.status}`);
  mcp = await connectLegacy(iso.baseUrl, iso.key);
  // Routes for a signed-in member (auth: "session") get the isolated admin's session cookie.
  const login = await fetch(`${iso.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: iso.baseUrl },
    body: JSON.stringify({ email: iso.adminEmail, password: iso.adminPassword }),
  });
  iso.sessionCookie = login.headers.get("set-cookie")!.split(";")[0];
}, 300_000);
afterAll(async () => {
  await mcp?.close();
  await iso?.close();
});

describe("REST routes under generated bad input", () => {
  it("never answer 5xx, never leak internals; 400/422 name the field", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES).chain((r) => fc.tuple(fc.constant(r), mutation(r))),
        async ([r, m]) => {
          const { status, text } = await send(iso, r, m);
          seen.add(`${r.method} ${r.path}`);
          const where = `${r.method} ${r.path} ${JSON.stringify(m).slice(0, 300)} → ${status} ${text.slice(0, 300)}`;
          expect(status, where).toBeLessThan(500);
          expect(text, where).not.toMatch(LEAK);
          // A path that does not decode is refused by Next.js's router itself (plain 400), before our code.
          if ((status === 400 || status === 422) && m.kind !== "id") {
            // OAuth endpoints answer in OAuth's shape ({ error, error_description }), the rest in ours.
            const parsed = JSON.parse(text);
            const message: string = typeof parsed.error === "string" ? parsed.error_description : parsed.error.message;
            expect(
              fieldNames(r, m).some((n) => message.includes(n)),
              where,
            ).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 600, endOnFailure: true },
    );
    expect(seen.size).toBeGreaterThan(ROUTES.length * 0.8);
  }, 600_000);
});

describe("MCP tools under generated bad arguments", () => {
  const OUTAGE = /trouble reaching|try again shortly|could not complete/i;
  it("answer a tool error naming the field — never an outage sentence, never a 5xx", async () => {
    const tools = (await mcp.listTools()).map((t) => t.name).sort();
    expect(tools).toEqual(Object.keys(TOOLS).sort());
    const arb = fc
      .constantFrom(...tools)
      .chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...Object.keys(TOOLS[name]!), "extra", "limit", "caseId"), badValue));
    await fc.assert(
      fc.asyncProperty(arb, async ([name, field, value]) => {
        const args = { ...TOOLS[name], [field]: value };
        const where = `${name} ${field}=${JSON.stringify(value)?.slice(0, 200)}`;
        let result: Awaited<ReturnType<McpTestClient["callTool"]>>;
        try {
          result = await mcp.callTool(name, args, { timeoutMs: 20_000 });
        } catch (e) {
          const message = String((e as Error).message);
          expect(message, where).not.toMatch(/HTTP 5\d\d|Internal/i);
          expect(message, where).not.toMatch(LEAK);
          return;
        }
        const text = result.content.map((c) => c.text ?? "").join(" ");
        expect(text, where).not.toMatch(OUTAGE);
        expect(text, where).not.toMatch(LEAK);
        if (result.isError && !/not found|needs the|scope|Insufficient credits/i.test(text)) {
          expect(
            [...Object.keys(TOOLS[name]!), field].some((n) => text.includes(n)),
            `${where} → ${text}`,
          ).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 300, endOnFailure: true },
    );
  }, 600_000);
});

describe("after the fuzzing", () => {
  it("no error went unhandled and no bad value slipped past the schemas to the database", () => {
    expect(iso.app.logs()).not.toMatch(/unhandled error|tool failed|bad input reached the database/);
  });
});
