import { describe, expect, it } from "vitest";
import { withAdapters, resetProcessDeps } from "@/lib/composition/deps";
import { databaseGuard } from "@/lib/adapters/db/guard";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { lastVendorPublish, recordVendorPublish } from "@/lib/adapters/realtime/vendor-status";
import { parseConfig } from "@/lib/platform/config/env";
import { createLazy } from "@/lib/platform/lazy";
import type { Db } from "@/lib/adapters/db/port";

const BLAND = { TELEPHONY_DRIVER: "bland", BLAND_API_KEY: "org_test", BLAND_WEBHOOK_SECRET: "whsec_one_0123456789", LOG_LEVEL: "silent" };
const PUSHER = { PUSHER_APP_ID: "1", PUSHER_KEY: "key", PUSHER_SECRET: "secret", PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001" };

/** Deps on one shared cache, as getDeps() builds them on every request, from the settings given. */
function depsOn(cache: ReturnType<typeof createLazy>, env: Record<string, string>) {
  const core = { db: {} as Db, kv: createMemoryKv(), bus: createMemoryBus(), config: parseConfig(env) };
  return withAdapters(core, cache, { simulatorSecret: async () => "whsec_stored" });
}

describe("the composition root's adapter cache", () => {
  it("keeps one adapter while the settings it resolves stay the same", () => {
    const cache = createLazy();
    const first = depsOn(cache, BLAND);
    expect(depsOn(cache, BLAND).telephony).toBe(first.telephony);
    expect(depsOn(cache, { ...BLAND, REALTIME_DRIVER: "pusher", ...PUSHER }).realtime).toBe(
      depsOn(cache, { ...BLAND, REALTIME_DRIVER: "pusher", ...PUSHER }).realtime,
    );
  });

  it.each([
    ["BLAND_WEBHOOK_SECRET", "whsec_two_0123456789"],
    ["BLAND_TIMEOUT_MS", "1234"],
    ["BLAND_MAX_RETRIES", "0"],
    ["BLAND_BASE_URL", "http://127.0.0.1:9/bland"],
  ])("builds a new phone provider when %s changes (every setting the Bland adapter reads keys it)", (name, value) => {
    const cache = createLazy();
    const before = depsOn(cache, BLAND).telephony;
    expect(depsOn(cache, { ...BLAND, [name]: value }).telephony).not.toBe(before);
  });

  it("keeps one answer matcher (and its breaker) per embeddings setting, and the lexical one without a URL", () => {
    const cache = createLazy();
    expect(depsOn(cache, BLAND).answerMatcher.name).toBe("lexical");
    const env = { ...BLAND, MEMORY_EMBEDDINGS_URL: "https://embeddings.example", MEMORY_EMBEDDINGS_API_KEY: "sk-one" };
    const first = depsOn(cache, env).answerMatcher;
    expect(first.name).toBe("embeddings");
    expect(depsOn(cache, env).answerMatcher).toBe(first);
    for (const [name, value] of <Array<[string, string]>>[
      ["MEMORY_EMBEDDINGS_API_KEY", "sk-two"],
      ["MEMORY_EMBEDDINGS_MODEL", "other-model"],
      ["MEMORY_EMBEDDINGS_TIMEOUT_MS", "999"],
      ["MEMORY_EMBEDDINGS_FLOOR", "0.5"],
    ])
      expect(depsOn(cache, { ...env, [name]: value }).answerMatcher).not.toBe(first);
  });

  it.each([
    ["realtime", "PUSHER_SECRET", "other"],
    ["weather", "OPEN_METEO_FORECAST_URL", "http://127.0.0.1:9/forecast"],
    ["notifier", "NTFY_TIMEOUT_MS", "999"],
  ] as const)("builds a new %s adapter when %s changes", (field, name, value) => {
    const cache = createLazy();
    const env = { ...BLAND, REALTIME_DRIVER: "pusher", ...PUSHER };
    const before = depsOn(cache, env)[field];
    expect(depsOn(cache, { ...env, [name]: value })[field]).not.toBe(before);
  });
});

describe("process holders", () => {
  it("live in the process cache: resetProcessDeps() forgets the database breaker and the realtime vendor status", () => {
    const config = parseConfig({ DATABASE_URL: "postgres://127.0.0.1:9/none", LOG_LEVEL: "silent" });
    const guard = databaseGuard(config);
    expect(guard).not.toBeNull();
    expect(databaseGuard(config)).toBe(guard);
    recordVendorPublish(false, "down");
    expect(lastVendorPublish()?.ok).toBe(false);
    resetProcessDeps();
    expect(databaseGuard(config)).not.toBe(guard);
    expect(lastVendorPublish()).toBeUndefined();
  });
});
