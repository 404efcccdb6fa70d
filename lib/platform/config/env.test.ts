import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/platform/config/env";

function issuesOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe("parseConfig", () => {
  it.each([
    [{ API_RATE_LIMIT_PER_MINUTE: "abc" }, /^API_RATE_LIMIT_PER_MINUTE: must be a number$/],
    [{ API_RATE_LIMIT_PER_MINUTE: "1.5" }, /^API_RATE_LIMIT_PER_MINUTE: must be a whole number$/],
    [{ HITL_DEFAULT_TIMEOUT_SECONDS: "60" }, /^HITL_DEFAULT_TIMEOUT_SECONDS:/],
    [{ KV_DRIVER: "redis" }, /^REDIS_URL: required when KV_DRIVER=redis$/],
    [{ KV_DRIVER: "upstash" }, /^UPSTASH_REDIS_REST_URL/],
    [{ EVENT_BUS: "postgres" }, /^DATABASE_URL: required when EVENT_BUS=postgres$/],
    [{ EVENT_BUS: "redis" }, /^REDIS_URL: required when EVENT_BUS=redis$/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\/$/],
    [{ REDIS_URL: "http://127.0.0.1:6379" }, /^REDIS_URL: must start with redis:\/\/ or rediss:\/\//],
    [{ KV_DRIVER: "memcached" }, /^KV_DRIVER:/],
    [{ SEED_DEMO: "maybe" }, /^SEED_DEMO: must be true or false$/],
    [{ CRON_SECRET: "short" }, /^CRON_SECRET: must be at least 16 characters$/],
  ])("names the bad variable: %j", (env, message) => {
    const issues = issuesOf(env);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(message);
  });

  it("reports every bad variable at once, and the error message lists them", () => {
    let err: ConfigError | undefined;
    try {
      parseConfig({ API_RATE_LIMIT_PER_MINUTE: "abc", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err?.issues.map((i) => i.split(":")[0]).sort()).toEqual(["API_RATE_LIMIT_PER_MINUTE", "DATABASE_URL", "LOG_LEVEL"]);
    expect(err?.message).toContain("API_RATE_LIMIT_PER_MINUTE");
    expect(err?.message).toContain("DATABASE_URL");
  });

  it("has documented defaults", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      DATA_DIR: ".data",
      KV_PREFIX: "sb:",
      API_RATE_LIMIT_PER_MINUTE: 100,
      PRESENCE_TTL_SECONDS: 30,
      SESSION_TTL_HOURS: 12,
      HITL_DEFAULT_TIMEOUT_SECONDS: 45,
      HITL_RECHECK_INTERVAL_MS: 5000,
      HITL_PROGRESS_INTERVAL_MS: 5000,
      CASE_TTL_MINUTES: 60,
      CALLBACK_MAX_ATTEMPTS: 6,
      CALLBACK_BACKOFF_BASE_MS: 5000,
      SEED_DEMO: true,
      SCHEDULER: true,
      MCP_ALLOWED_HOSTS: ["localhost", "127.0.0.1", "[::1]"],
      MCP_ALLOWED_ORIGINS: [],
      kvDriver: "memory",
      eventBus: "memory",
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.FALLBACK_UNAVAILABLE.length).toBeGreaterThan(10);
  });

  it("treats empty strings as unset and parses numbers, booleans and lists", () => {
    const c = parseConfig({
      API_RATE_LIMIT_PER_MINUTE: "",
      DATABASE_URL: "",
      SEED_DEMO: "no",
      SCHEDULER: "1",
      HITL_RECHECK_INTERVAL_MS: "20000",
      MCP_ALLOWED_HOSTS: " Example.com , ,api.test",
    });
    expect(c).toMatchObject({
      API_RATE_LIMIT_PER_MINUTE: 100,
      SEED_DEMO: false,
      SCHEDULER: true,
      HITL_RECHECK_INTERVAL_MS: 20000,
      MCP_ALLOWED_HOSTS: ["example.com", "api.test"],
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{}, "memory", "memory"],
    [{ DATABASE_URL: "postgres://u@h/db" }, "memory", "postgres"],
    [{ REDIS_URL: "redis://127.0.0.1:6379" }, "redis", "redis"],
    [{ REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgresql://u@h/db" }, "redis", "redis"],
    [{ UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" }, "upstash", "memory"],
    [
      { UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t", DATABASE_URL: "postgres://u@h/db" },
      "upstash",
      "postgres",
    ],
    [{ REDIS_URL: "redis://h:6379", KV_DRIVER: "memory", EVENT_BUS: "memory" }, "memory", "memory"],
    [{ REDIS_URL: "redis://h:6379", DATABASE_URL: "postgres://u@h/db", EVENT_BUS: "postgres" }, "redis", "postgres"],
  ])("auto driver selection for %j: kv %s, bus %s", (env, kvDriver, eventBus) => {
    expect(parseConfig(env)).toMatchObject({ kvDriver, eventBus });
  });

  it("requires the Upstash token along with its URL", () => {
    expect(issuesOf({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toEqual([
      "UPSTASH_REDIS_REST_TOKEN: required when UPSTASH_REDIS_REST_URL is set",
    ]);
  });

  it("seeds the demo account by default only outside production", () => {
    expect(parseConfig({}).SEED_DEMO).toBe(true);
    expect(parseConfig({ NODE_ENV: "development" }).SEED_DEMO).toBe(true);
    expect(parseConfig({ NODE_ENV: "test" }).SEED_DEMO).toBe(true);
    expect(parseConfig({ NODE_ENV: "production" }).SEED_DEMO).toBe(false);
    expect(parseConfig({ VERCEL: "1" }).SEED_DEMO).toBe(false);
    expect(parseConfig({ NODE_ENV: "production", SEED_DEMO: "" }).SEED_DEMO).toBe(false);
    // Asked for explicitly, either way.
    expect(parseConfig({ NODE_ENV: "production", SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(parseConfig({ VERCEL: "1", SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
    expect(parseConfig({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
  });
});
