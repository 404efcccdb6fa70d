import http from "node:http";
import type { AddressInfo } from "node:net";

/** Signs a member in through POST /api/auth/login (same-origin) and returns the raw response plus the `sb_session=…` cookie pair. */
export async function login(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("sb_session=")) ?? "";
  const cookie = setCookie.split(";")[0]!;
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any, setCookie, cookie };
}

export type ReceivedCallback = { headers: http.IncomingHttpHeaders; body: string; at: number };

/** A callback receiver on 127.0.0.1 that answers with `statuses[n]` for the n-th request (the last one repeats). */
export async function startCallbackReceiver(statuses: number[]) {
  const received: ReceivedCallback[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.end(res.statusCode < 300 ? "ok" : "try again");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/switchboard`;
  return {
    url,
    received,
    /** Resolves once `n` requests have arrived, or rejects after `timeoutMs`. */
    async waitFor(n: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`callback receiver got ${received.length} of ${n} requests`);
        await sleep(50);
      }
      return received.slice(0, n);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
