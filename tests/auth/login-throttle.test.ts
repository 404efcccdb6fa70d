import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginLoginAttempt } from "@/lib/domains/auth/login-throttle";
import { clientAddress, PEER_HEADER } from "@/lib/transports/http/client-address";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { expectAppError, rand } from "@/tests/hitl/helpers";

const limits = { windowMs: 60_000, perPair: 5, perClient: 12, perEmail: 20 };

describe("login throttling (per email and client address)", () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps();
  });
  afterAll(async () => {
    await deps?.close();
  });

  /** One sign-in attempt: `ok` says whether the password was right. */
  const attempt = async (email: string, client: string, ok: boolean) => {
    const a = await beginLoginAttempt(deps.kv, { email, client }, limits);
    await (ok ? a.succeeded() : a.failed());
  };
  const fail = async (email: string, client: string, times: number) => {
    for (let i = 0; i < times; i++) await attempt(email, client, false);
  };

  it("an attacker's failures on an email do not lock its owner out from another address", async () => {
    const email = `op-${rand()}@example.test`;
    await fail(email, "203.0.113.9", limits.perPair);
    const err = await expectAppError(beginLoginAttempt(deps.kv, { email, client: "203.0.113.9" }, limits), "rate_limited");
    expect(err.details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // The owner, from their own address, with the right password.
    await attempt(email.toUpperCase(), "198.51.100.4", true);
  });

  it("refuses a client past its limit even with the right password (counts every attempt in flight)", async () => {
    const email = `op-${rand()}@example.test`;
    const settled = await Promise.allSettled(
      Array.from({ length: 12 }, () => beginLoginAttempt(deps.kv, { email, client: "203.0.113.10" }, limits)),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(limits.perPair);
  });

  it("a success clears that client's count for the email", async () => {
    const email = `op-${rand()}@example.test`;
    await fail(email, "203.0.113.11", limits.perPair - 1);
    await attempt(email, "203.0.113.11", true);
    await fail(email, "203.0.113.11", limits.perPair - 1);
    await attempt(email, "203.0.113.11", true);
  });

  it("spraying many emails from one address is stopped per client", async () => {
    for (let i = 0; i < limits.perClient; i++) await attempt(`victim${i}-${rand()}@example.test`, "203.0.113.12", false);
    await expectAppError(
      beginLoginAttempt(deps.kv, { email: `fresh-${rand()}@example.test`, client: "203.0.113.12" }, limits),
      "rate_limited",
    );
    await attempt(`fresh-${rand()}@example.test`, "198.51.100.12", true);
  });

  it("many addresses on one email: past the email's limit, an address that failed gets no more tries; a first try still passes", async () => {
    const email = `op-${rand()}@example.test`;
    for (let i = 0; i < limits.perEmail; i++) await fail(email, `192.0.2.${i}`, 1);
    await expectAppError(beginLoginAttempt(deps.kv, { email, client: "192.0.2.0" }, limits), "rate_limited");
    await attempt(email, "198.51.100.77", true);
  });
});

describe("clientAddress", () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it("ignores x-forwarded-for without a trusted proxy: the socket address counts", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4", [PEER_HEADER]: "::ffff:127.0.0.1" }), {})).toBe("127.0.0.1");
    expect(clientAddress(headers({}), {})).toBe("unknown");
  });
  it("behind N trusted proxies takes the entry N hops from the right (left of it is client-written)", () => {
    const h = headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2", [PEER_HEADER]: "10.0.0.3" });
    expect(clientAddress(h, { TRUSTED_PROXY_HOPS: 1 })).toBe("10.0.0.2");
    expect(clientAddress(h, { TRUSTED_PROXY_HOPS: 2 })).toBe("198.51.100.7");
    expect(clientAddress(headers({ [PEER_HEADER]: "10.0.0.3" }), { TRUSTED_PROXY_HOPS: 1 })).toBe("10.0.0.3");
  });
  it("on Vercel trusts the header Vercel writes", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.8", [PEER_HEADER]: "10.1.1.1" }), { VERCEL: "1" })).toBe("198.51.100.8");
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.8" }), { VERCEL: "1", TRUSTED_PROXY_HOPS: 0 })).toBe("unknown");
  });
});
