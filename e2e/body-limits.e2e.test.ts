import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkedUpload, type UploadResult } from "./support/chunked-upload";
import { rssKiB, startIsolatedApp } from "./support/isolated-app";

// Bounded input: every body is read through one streaming reader that stops at the route's limit — with or
// without Content-Length. Each upload below would be 200 MiB; the server must answer long before that,
// and its memory must not grow with what was sent.
let iso: Awaited<ReturnType<typeof startIsolatedApp>>;
let pid: number;
let baselineKiB: number;
let peakKiB = 0;
let sampler: NodeJS.Timeout;

beforeAll(async () => {
  iso = await startIsolatedApp();
  pid = iso.app.process.pid!;
  // Warm every route once so compiling chunks and opening pools is not counted as growth.
  for (const path of ["/api/cases", "/api/mcp", "/api/webhooks/simulator", "/api/auth/login", "/api/realtime/pusher/auth"]) {
    await fetch(iso.baseUrl + path, {
      method: "POST",
      headers: { authorization: `Bearer ${iso.key}`, "content-type": "application/json" },
      body: "{}",
    });
  }
  baselineKiB = rssKiB(pid);
  sampler = setInterval(() => (peakKiB = Math.max(peakKiB, rssKiB(pid))), 50);
}, 300_000);

afterAll(async () => {
  clearInterval(sampler);
  await iso?.close();
});

const MiB = 1024 * 1024;
const auth = () => ({ authorization: `Bearer ${iso.key}` });
const MCP_PREFIX = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ask_human","arguments":{"question":"';

function expectRefusedEarly(r: UploadResult, status: number) {
  expect(r.status, r.body).toBe(status);
  expect(r.sentBytes).toBeLessThan(32 * MiB); // answered while the upload was still going
  expect(r.body).not.toMatch(/\n\s+at |node_modules/);
}

describe("chunked bodies far over the limit, without Content-Length", () => {
  it("/api/mcp with a valid key: 413 (JSON-RPC error), not read, parsed and served", async () => {
    const r = await chunkedUpload(`${iso.baseUrl}/api/mcp`, {
      headers: { ...auth(), accept: "application/json, text/event-stream" },
      prefix: MCP_PREFIX,
    });
    expectRefusedEarly(r, 413);
    expect(JSON.parse(r.body)).toMatchObject({ jsonrpc: "2.0", error: { message: expect.stringMatching(/larger than 64 KiB/) } });
  });

  it("/api/webhooks/simulator, anonymous: 401 without a signature, 413 with one, 404 for an unknown provider", async () => {
    expectRefusedEarly(await chunkedUpload(`${iso.baseUrl}/api/webhooks/simulator`), 401);
    expectRefusedEarly(
      await chunkedUpload(`${iso.baseUrl}/api/webhooks/simulator`, { headers: { "x-webhook-signature": "0".repeat(64) } }),
      413,
    );
    expectRefusedEarly(
      await chunkedUpload(`${iso.baseUrl}/api/webhooks/nope`, { headers: { "x-webhook-signature": "0".repeat(64) } }),
      404,
    );
  });

  it("REST (/api/cases), login and the pusher auth form body: 413", async () => {
    const cases = await chunkedUpload(`${iso.baseUrl}/api/cases`, { headers: auth(), prefix: '{"question":"' });
    expectRefusedEarly(cases, 413);
    expect(JSON.parse(cases.body).error).toMatchObject({ code: "payload_too_large", message: "Request body is larger than 64 KiB." });
    expectRefusedEarly(
      await chunkedUpload(`${iso.baseUrl}/api/auth/login`, { headers: { origin: iso.baseUrl }, prefix: '{"email":"' }),
      413,
    );
    const pusher = await chunkedUpload(`${iso.baseUrl}/api/realtime/pusher/auth`, {
      headers: { ...auth(), "content-type": "application/x-www-form-urlencoded" },
      prefix: "socket_id=",
    });
    expectRefusedEarly(pusher, 413);
  });

  it("three at once on MCP and webhooks, then the server's memory has not grown with what was sent", async () => {
    const results = await Promise.all([
      chunkedUpload(`${iso.baseUrl}/api/mcp`, {
        headers: { ...auth(), accept: "application/json, text/event-stream" },
        prefix: MCP_PREFIX,
      }),
      chunkedUpload(`${iso.baseUrl}/api/webhooks/simulator`, { headers: { "x-webhook-signature": "0".repeat(64) } }),
      chunkedUpload(`${iso.baseUrl}/api/cases`, { headers: auth(), prefix: '{"question":"' }),
    ]);
    for (const r of results) expectRefusedEarly(r, 413);
    peakKiB = Math.max(peakKiB, rssKiB(pid));
    // Bounded generously (GC timing, allocator slack): 200 MiB read per request would be far above it.
    expect((peakKiB - baselineKiB) / 1024).toBeLessThan(60);
    // Still serving.
    expect((await fetch(`${iso.baseUrl}/api/health`)).status).toBe(200);
  });
});
