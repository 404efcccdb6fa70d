import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/platform/config/env";
import type { Principal } from "@/lib/domains/auth/principal";
import { getRealtimeClientConfig, realtimeAudience } from "@/lib/domains/realtime/client-config";
import { mintRealtimeToken } from "@/lib/adapters/realtime/supabase/mint-token";
import { toCaseEvent } from "@/lib/adapters/realtime/port";

const pusher = { PUSHER_APP_ID: "1", PUSHER_KEY: "k", PUSHER_SECRET: "s", PUSHER_CLUSTER: "eu" };
const supabase = {
  SUPABASE_URL: "https://x.supabase.co",
  SUPABASE_ANON_KEY: "anon",
  SUPABASE_SERVICE_ROLE_KEY: "service",
  SUPABASE_JWT_SECRET: "j".repeat(40),
};
const member: Principal = {
  kind: "member",
  accountId: "acc-1",
  memberId: "mem-1",
  role: "operator",
  email: "o@example.test",
  name: "Olive",
};

function issuesOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe("realtime configuration", () => {
  it.each([
    [{}, "sse"],
    [pusher, "pusher"],
    [supabase, "supabase"],
    [{ SUPABASE_URL: "https://x.supabase.co" }, "sse"],
    [{ ...pusher, ...supabase, REALTIME_DRIVER: "supabase" }, "supabase"],
    [{ ...pusher, REALTIME_DRIVER: "sse" }, "sse"],
  ])("auto-selection for %j → %s", (env, driver) => {
    expect(parseConfig(env).realtimeDriver).toBe(driver);
  });

  it.each([
    [
      { REALTIME_DRIVER: "pusher" },
      [
        "PUSHER_APP_ID: required when REALTIME_DRIVER=pusher",
        "PUSHER_KEY: required when REALTIME_DRIVER=pusher",
        "PUSHER_SECRET: required when REALTIME_DRIVER=pusher",
        "PUSHER_CLUSTER: required when REALTIME_DRIVER=pusher (or set PUSHER_HOST for a self-hosted server)",
      ],
    ],
    [
      { PUSHER_KEY: "k" },
      [
        "PUSHER_APP_ID: required when REALTIME_DRIVER=pusher",
        "PUSHER_SECRET: required when REALTIME_DRIVER=pusher",
        "PUSHER_CLUSTER: required when REALTIME_DRIVER=pusher (or set PUSHER_HOST for a self-hosted server)",
      ],
    ],
    [{ ...supabase, SUPABASE_ANON_KEY: "", REALTIME_DRIVER: "supabase" }, ["SUPABASE_ANON_KEY: required when REALTIME_DRIVER=supabase"]],
    [{ ...pusher, ...supabase }, [expect.stringMatching(/^REALTIME_DRIVER: both PUSHER_KEY and SUPABASE_JWT_SECRET are set/)]],
    [{ ...pusher, PUSHER_PORT: "6001" }, ["PUSHER_HOST: required when PUSHER_PORT is set"]],
    [{ ...pusher, PUSHER_HOST: "https://soketi.example" }, [expect.stringMatching(/^PUSHER_HOST: must be a host name/)]],
    [{ ...pusher, PUSHER_USE_TLS: "sometimes" }, ["PUSHER_USE_TLS: must be true or false"]],
    [{ ...supabase, SUPABASE_JWT_SECRET: "short" }, [expect.stringMatching(/^SUPABASE_JWT_SECRET: must be at least 32 characters/)]],
    [{ REALTIME_DRIVER: "ably" }, [expect.stringMatching(/^REALTIME_DRIVER:/)]],
  ])("names the variable: %j", (env, expected) => {
    expect(issuesOf(env as Record<string, string>)).toEqual(expected);
  });
});

describe("browser config", () => {
  it("SSE by default: our own endpoint, no vendor keys", () => {
    expect(getRealtimeClientConfig(member, parseConfig({}))).toEqual({ driver: "sse", url: "/api/events", heartbeatMs: 15_000 });
  });

  it("Pusher: public key, the member's own private channel, host/port/TLS as configured, never the secret", () => {
    const c = getRealtimeClientConfig(
      member,
      parseConfig({ ...pusher, PUSHER_HOST: "soketi.internal", PUSHER_PORT: "6001", PUSHER_USE_TLS: "false" }),
    );
    expect(c).toMatchObject({
      driver: "pusher",
      key: "k",
      channel: "private-account-acc-1",
      wsHost: "soketi.internal",
      wsPort: 6001,
      forceTLS: false,
      authEndpoint: "/api/realtime/pusher/auth",
    });
    expect(JSON.stringify(c)).not.toContain('"s"');
  });

  it("Supabase: anon key, the account topic, and an HS256 token whose account_id claim names the account", () => {
    const config = parseConfig(supabase);
    const c = getRealtimeClientConfig(member, config);
    if (c.driver !== "supabase") throw new Error("expected supabase");
    expect(c).toMatchObject({
      url: supabase.SUPABASE_URL,
      anonKey: "anon",
      topic: "account:acc-1",
      tokenEndpoint: "/api/realtime/supabase/token",
    });
    expect(JSON.stringify(c)).not.toContain("service");
    const [h, p, sig] = c.accessToken.split(".");
    expect(createHmac("sha256", supabase.SUPABASE_JWT_SECRET).update(`${h}.${p}`).digest("base64url")).toBe(sig);
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    expect(claims).toMatchObject({ role: "authenticated", aud: "authenticated", sub: "mem-1", account_id: "acc-1" });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(c.expiresAt).toBe(claims.exp);
  });

  it("tokens expire after REALTIME_TOKEN_TTL_SECONDS", () => {
    const t = mintRealtimeToken(parseConfig({ ...supabase, REALTIME_TOKEN_TTL_SECONDS: "120" }), realtimeAudience(member), 1_000_000);
    expect(t.expiresAt).toBe(1000 + 120);
  });
});

describe("event shape", () => {
  it("drops the account id and keeps only queue fields", () => {
    const e = toCaseEvent({
      id: "e1",
      type: "case.claimed",
      accountId: "acc-1",
      caseId: "c1",
      status: "claimed",
      priority: 2,
      urgency: "low",
      claimedBy: "Olive",
      at: "2026-01-01T00:00:00.000Z",
    });
    expect(e).toEqual({
      id: "e1",
      type: "case.claimed",
      caseId: "c1",
      status: "claimed",
      priority: 2,
      urgency: "low",
      claimedBy: "Olive",
      at: "2026-01-01T00:00:00.000Z",
    });
  });
});
