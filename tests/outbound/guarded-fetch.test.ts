import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutboundUrl, fetchOutbound } from "@/lib/platform/outbound/guarded-fetch";
import type { OutboundPolicy } from "@/lib/platform/outbound/outbound-error";

/**
 * The outbound guard against a real HTTP server on loopback, which stands for any address the guard must not
 * reach (the cloud metadata service, a database port, the app's own admin routes): with loopback off nothing
 * arrives there, whether named by IP, by an IPv6 form of it, or by a host name that resolves to it.
 */
const off: OutboundPolicy = { allowLoopback: false, requireHttps: false, timeoutMs: 2000, maxBytes: 1024 };
const on: OutboundPolicy = { ...off, allowLoopback: true };
const hits: string[] = [];
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url!);
    if (req.url === "/redirect") return res.writeHead(302, { location: "/target" }).end();
    if (req.url === "/big") return res.writeHead(200).end("x".repeat(5000));
    if (req.url === "/hang") return; // never answers
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const refusal = (url: string, policy: OutboundPolicy = off) =>
  fetchOutbound(url, { method: "POST", body: "{}" }, policy).then(
    () => "sent",
    (e: { code?: string; message: string }) => `${e.code}: ${e.message}`,
  );

describe("outbound guard", () => {
  it("with loopback off, nothing reaches loopback: by IP, mapped IPv6, 'localhost', or a name resolving there (checked in the socket's lookup)", async () => {
    const before = hits.length;
    expect(await refusal(`http://127.0.0.1:${port}/_bulk`)).toMatch(/^outbound_refused: points at 127\.0\.0\.1/);
    expect(await refusal(`http://[::ffff:127.0.0.1]:${port}/_bulk`)).toMatch(/^outbound_refused: .*private or reserved/);
    expect(await refusal(`http://localhost:${port}/_bulk`)).toMatch(/^outbound_refused: resolves to a private or reserved address/);
    // The machine's own name resolves to loopback (/etc/hosts): only the lookup inside the socket can catch it.
    expect(await refusal(`http://${os.hostname()}:${port}/_bulk`)).toMatch(/^outbound_refused: resolves to a private or reserved address/);
    expect(await refusal("http://169.254.169.254/latest/meta-data/")).toMatch(/^outbound_refused: points at 169\.254\.169\.254/);
    expect(await refusal("http://10.0.0.7/")).toMatch(/^outbound_refused/);
    expect(await refusal("http://[fd00::1]/")).toMatch(/^outbound_refused/);
    expect(await refusal("http://0.0.0.0/")).toMatch(/^outbound_refused/);
    expect(hits.length).toBe(before);
  });

  it("with loopback allowed (tests, local development) the same request is sent", async () => {
    const res = await fetchOutbound(`http://127.0.0.1:${port}/allowed`, { method: "GET" }, on);
    expect([res.status, res.json()]).toEqual([200, { ok: true }]);
    expect(hits).toContain("/allowed");
  });

  it("never follows a redirect", async () => {
    const res = await fetchOutbound(`http://127.0.0.1:${port}/redirect`, { method: "GET" }, on);
    expect([res.status, res.header("location")]).toEqual([302, "/target"]);
    expect(hits).not.toContain("/target");
  });

  it("bounds the response size and the time", async () => {
    expect(await refusal(`http://127.0.0.1:${port}/big`, on)).toBe("outbound_failed: is larger than 1024 bytes");
    expect(await refusal(`http://127.0.0.1:${port}/hang`, { ...on, timeoutMs: 300 })).toBe("outbound_failed: did not answer within 300 ms");
  });

  it("https is required where the policy says so (production), except loopback when allowed", async () => {
    expect(await refusal("http://93.184.216.34/hook", { ...off, requireHttps: true })).toBe("outbound_refused: must be an https URL");
    expect(await refusal(`http://127.0.0.1:${port}/tls-exempt`, { ...on, requireHttps: true })).toBe("sent");
    expect(await refusal("ftp://93.184.216.34/x")).toBe("outbound_refused: must be an http(s) URL");
    expect(await refusal("https://user:pw@93.184.216.34/x")).toBe("outbound_refused: must not carry a user name or password");
  });

  it("the check at input time resolves the name; one that does not resolve yet is left to delivery", async () => {
    const check = (url: string, policy = off) =>
      checkOutboundUrl(url, policy).then(
        () => "ok",
        (e: Error) => e.message,
      );
    expect(await check(`http://localhost:${port}/x`)).toBe("points at localhost, which resolves to a private or reserved address");
    expect(await check(`http://${os.hostname()}/x`)).toMatch(/resolves to a private or reserved address/);
    expect(await check("http://[::1]/x")).toBe("points at ::1, a private or reserved address");
    expect(await check(`http://localhost:${port}/x`, on)).toBe("ok");
    expect(await check("https://does-not-resolve.invalid/hook")).toBe("ok");
  });
});
