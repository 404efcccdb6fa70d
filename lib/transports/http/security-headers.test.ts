import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import { pageContentSecurityPolicy, realtimeConnectSources } from "./security-headers";

const pusher = { PUSHER_APP_ID: "1", PUSHER_KEY: "k", PUSHER_SECRET: "s" };
const supabase = {
  SUPABASE_URL: "https://abc.supabase.co",
  SUPABASE_ANON_KEY: "a",
  SUPABASE_SERVICE_ROLE_KEY: "s",
  SUPABASE_JWT_SECRET: "x".repeat(32),
};

describe("page Content-Security-Policy", () => {
  it("production: scripts only with this response's nonce, never eval or inline; not frameable", () => {
    const csp = pageContentSecurityPolicy({ nonce: "abc123==", dev: false, connect: [] });
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self';");
  });

  it("next dev adds 'unsafe-eval' (React's dev tooling) and websockets (HMR)", () => {
    const csp = pageContentSecurityPolicy({ nonce: "n", dev: true, connect: [] });
    expect(csp).toMatch(/script-src [^;]*'unsafe-eval'/);
    expect(csp).toMatch(/connect-src 'self' ws: wss:/);
  });

  it("lets the browser reach the configured realtime vendor, and nothing else", () => {
    expect(realtimeConnectSources(parseConfig({}))).toEqual([]);
    expect(realtimeConnectSources(parseConfig({ ...pusher, PUSHER_CLUSTER: "eu" }))).toEqual([
      "wss://ws-eu.pusher.com",
      "https://sockjs-eu.pusher.com",
    ]);
    expect(
      realtimeConnectSources(parseConfig({ ...pusher, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001", PUSHER_USE_TLS: "false" })),
    ).toEqual(["ws://127.0.0.1:6001", "http://127.0.0.1:6001"]);
    expect(realtimeConnectSources(parseConfig(supabase))).toEqual(["https://abc.supabase.co", "wss://abc.supabase.co"]);
    const csp = pageContentSecurityPolicy({ nonce: "n", dev: false, connect: realtimeConnectSources(parseConfig(supabase)) });
    expect(csp).toContain("connect-src 'self' https://abc.supabase.co wss://abc.supabase.co;");
  });
});
