/**
 * One behavioural contract for the `Kv` port, run against every adapter: in-process memory,
 * Redis over TCP (REDIS_URL) and Upstash over its REST API (through a local stand-in backed by the
 * same real Redis).
 *
 * The Redis and Upstash runs need REDIS_URL (CI always sets it: .ci/run starts Redis). Without it they
 * are reported as skipped, so `npm test` passes on a machine with only Node. With REDIS_URL set and
 * Redis unreachable they FAIL: a green CI run means the adapters were actually exercised.
 * Each run writes only under its own random key prefix and deletes just those keys afterwards.
 * Longer than our ~250-line guide on purpose: it is one contract, and the point is that every adapter
 * runs exactly the same list of cases; split, the lists could drift apart.
 */
import { randomUUID } from "node:crypto";
import { Redis as UpstashRedis } from "@upstash/redis";
import Redis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import type { Kv } from "@/lib/adapters/kv/port";
import { createRedisKv } from "@/lib/adapters/kv/redis";
import { createUpstashKv } from "@/lib/adapters/kv/upstash";
import { startUpstashStandin, type UpstashStandin } from "@/tests/support/upstash-standin";

const REDIS_URL = process.env.REDIS_URL ?? "";
const HAVE_REDIS = REDIS_URL !== "";
const TTL = 150; // ms: short-lived keys
const PAST_TTL = 400; // ms: comfortably after TTL has run out
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newPrefix = (driver: string) => `test:${driver}:${randomUUID()}:`;

/** A plain connection to the real Redis, for checks and clean-up. Throws (never skips) when Redis is down. */
async function adminRedis(): Promise<Redis> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000, retryStrategy: () => null });
  let cause: Error | undefined;
  r.on("error", (err: Error) => (cause ??= err)); // reported through the rejected connect/ping below instead
  try {
    await r.connect();
    await r.ping();
  } catch (err) {
    r.disconnect();
    cause ??= err as Error;
    throw new Error(
      `Redis is not reachable at ${REDIS_URL} (${cause.message}). The Redis and Upstash kv contract runs ` +
        `need it${process.env.CI ? " and must not be skipped in CI" : ""}; start one or set REDIS_URL.`,
      { cause },
    );
  }
  return r;
}

/** Deletes every key under `prefix` (and nothing else). */
async function deletePrefix(r: Redis, prefix: string) {
  let cursor = "0";
  do {
    const [next, keys] = await r.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== "0");
}

type Subject = {
  kv: Kv;
  /** Reads the backing Redis directly by full key name, to check key prefixing. */
  rawExists?: (fullKey: string) => Promise<boolean>;
  prefix: string;
  cleanup(): Promise<void>;
};
type Driver = { name: Kv["driver"]; setup(): Promise<Subject> };

const drivers: Driver[] = [
  {
    name: "memory",
    async setup() {
      const kv = createMemoryKv();
      return { kv, prefix: "", cleanup: () => kv.close() };
    },
  },
  {
    name: "redis",
    async setup() {
      const admin = await adminRedis();
      const prefix = newPrefix("redis");
      const kv = createRedisKv(REDIS_URL, { keyPrefix: prefix });
      return {
        kv,
        prefix,
        rawExists: async (k) => (await admin.exists(k)) === 1,
        async cleanup() {
          await kv.close();
          await deletePrefix(admin, prefix);
          await admin.quit();
        },
      };
    },
  },
  {
    name: "upstash",
    async setup() {
      const admin = await adminRedis();
      let standin: UpstashStandin;
      try {
        standin = await startUpstashStandin({ redisUrl: REDIS_URL, token: `tok-${randomUUID()}` });
      } catch (err) {
        await admin.quit();
        throw err;
      }
      const prefix = newPrefix("upstash");
      const kv = createUpstashKv({ url: standin.url, token: standin.token, keyPrefix: prefix });
      return {
        kv,
        prefix,
        rawExists: async (k) => (await admin.exists(k)) === 1,
        async cleanup() {
          await kv.close();
          await standin.close();
          await deletePrefix(admin, prefix);
          await admin.quit();
        },
      };
    },
  },
];

describe.each(drivers.filter((d) => d.name === "memory" || HAVE_REDIS))("Kv contract: $name", (driver) => {
  let s: Subject | undefined;
  let kv: Kv;
  let setupError: unknown;

  beforeAll(async () => {
    try {
      s = await driver.setup();
      kv = s.kv;
    } catch (err) {
      setupError = err;
    }
  });
  // An unreachable backend fails every test of its run (reported as failed, not as skipped).
  beforeEach(() => {
    if (setupError) throw setupError;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it("reports its driver and answers ping", async () => {
    expect(kv.driver).toBe(driver.name);
    await expect(kv.ping()).resolves.toBeUndefined();
  });

  describe("get / set", () => {
    it("returns null for a key that was never set", async () => {
      expect(await kv.get("never-set")).toBeNull();
    });

    it("stores a value, reads it back and overwrites it", async () => {
      expect(await kv.set("greeting", "hello")).toBe(true);
      expect(await kv.get("greeting")).toBe("hello");
      expect(await kv.set("greeting", "bye")).toBe(true);
      expect(await kv.get("greeting")).toBe("bye");
    });

    it("round-trips values exactly, whatever they look like", async () => {
      const values = ["", "OK", "123", "1.50", "null", "true", '{"a":1}', "[1,2]", "YmFy", "  spaced  ", "line\nbreak", "héllo ✓ 🚀 中文"];
      for (const [i, v] of values.entries()) {
        await kv.set(`value:${i}`, v);
        expect(await kv.get(`value:${i}`), JSON.stringify(v)).toBe(v);
      }
    });

    it("expires a value after ttlMs", async () => {
      await kv.set("short", "v", { ttlMs: TTL });
      expect(await kv.get("short")).toBe("v");
      await sleep(PAST_TTL);
      expect(await kv.get("short")).toBeNull();
    });

    it("a plain set clears an earlier TTL", async () => {
      await kv.set("sticky", "v1", { ttlMs: TTL });
      await kv.set("sticky", "v2");
      await sleep(PAST_TTL);
      expect(await kv.get("sticky")).toBe("v2");
    });

    it("onlyIfAbsent writes and returns true when the key is missing", async () => {
      expect(await kv.set("once", "first", { onlyIfAbsent: true })).toBe(true);
      expect(await kv.get("once")).toBe("first");
    });

    it("onlyIfAbsent returns false and keeps the old value when the key exists", async () => {
      await kv.set("taken", "original");
      expect(await kv.set("taken", "intruder", { onlyIfAbsent: true })).toBe(false);
      expect(await kv.set("taken", "intruder", { onlyIfAbsent: true, ttlMs: TTL })).toBe(false);
      expect(await kv.get("taken")).toBe("original");
      await sleep(PAST_TTL); // the refused write must not have attached its TTL either
      expect(await kv.get("taken")).toBe("original");
    });

    it("onlyIfAbsent with ttlMs writes an expiring value, and the key is free again once it expires", async () => {
      expect(await kv.set("lock", "a", { onlyIfAbsent: true, ttlMs: TTL })).toBe(true);
      expect(await kv.set("lock", "b", { onlyIfAbsent: true, ttlMs: TTL })).toBe(false);
      expect(await kv.get("lock")).toBe("a");
      await sleep(PAST_TTL);
      expect(await kv.get("lock")).toBeNull();
      expect(await kv.set("lock", "c", { onlyIfAbsent: true })).toBe(true);
      expect(await kv.get("lock")).toBe("c");
    });

    it("only one of many concurrent onlyIfAbsent writers wins", async () => {
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => kv.set("race", `w${i}`, { onlyIfAbsent: true })));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await kv.get("race")).toBe(`w${wins.indexOf(true)}`);
    });
  });

  describe("del", () => {
    it("removes a value", async () => {
      await kv.set("doomed", "v");
      await kv.del("doomed");
      expect(await kv.get("doomed")).toBeNull();
      expect(await kv.set("doomed", "again", { onlyIfAbsent: true })).toBe(true);
    });

    it("removes a sorted set", async () => {
      await kv.zadd("doomed-z", 1, "m");
      await kv.del("doomed-z");
      expect(await kv.zcount("doomed-z", -1e15, 1e15)).toBe(0);
    });

    it("is a no-op for a missing key", async () => {
      await expect(kv.del("not-there")).resolves.toBeUndefined();
    });
  });

  describe("incr", () => {
    it("counts up from 1", async () => {
      expect((await kv.incr("hits", 10_000)).value).toBe(1);
      expect((await kv.incr("hits", 10_000)).value).toBe(2);
      expect((await kv.incr("hits", 10_000)).value).toBe(3);
      expect(await kv.get("hits")).toBe("3");
    });

    it("sets the TTL on the first increment only", async () => {
      const first = await kv.incr("window", 5_000);
      expect(first.ttlMs).toBeGreaterThan(4_000);
      expect(first.ttlMs).toBeLessThanOrEqual(5_000);
      await sleep(50);
      const second = await kv.incr("window", 60_000); // a later, longer ttl must not extend the window
      expect(second.value).toBe(2);
      expect(second.ttlMs).toBeLessThanOrEqual(first.ttlMs);
      expect(second.ttlMs).toBeGreaterThan(0);
    });

    it("the counter expires after its TTL and starts again at 1", async () => {
      await kv.incr("burst", TTL);
      expect((await kv.incr("burst", TTL)).value).toBe(2);
      await sleep(PAST_TTL);
      const fresh = await kv.incr("burst", TTL);
      expect(fresh.value).toBe(1);
      expect(fresh.ttlMs).toBeGreaterThan(0);
      expect(fresh.ttlMs).toBeLessThanOrEqual(TTL);
    });

    it("gives a counter that has no TTL one, so it cannot live forever", async () => {
      await kv.set("legacy", "5");
      const r = await kv.incr("legacy", TTL);
      expect(r.value).toBe(6);
      expect(r.ttlMs).toBeGreaterThan(0);
      expect(r.ttlMs).toBeLessThanOrEqual(TTL);
      await sleep(PAST_TTL);
      expect(await kv.get("legacy")).toBeNull();
    });

    it("is atomic: 50 concurrent increments return 1..50 with no duplicates", async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => kv.incr("concurrent", 10_000)));
      const values = results.map((r) => r.value).sort((a, b) => a - b);
      expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      for (const r of results) expect(r.ttlMs).toBeGreaterThan(0);
      expect(await kv.get("concurrent")).toBe("50");
    });

    it("rejects a key that holds a non-numeric value", async () => {
      await kv.set("word", "abc");
      await expect(kv.incr("word", 10_000)).rejects.toThrow();
      expect(await kv.get("word")).toBe("abc");
    });
  });

  describe("sorted sets", () => {
    it("zadd then zcount counts members by score, bounds inclusive", async () => {
      await kv.zadd("z", 1, "a");
      await kv.zadd("z", 2, "b");
      await kv.zadd("z", 3, "c");
      expect(await kv.zcount("z", 1, 3)).toBe(3);
      expect(await kv.zcount("z", 2, 3)).toBe(2);
      expect(await kv.zcount("z", 2, 2)).toBe(1);
      expect(await kv.zcount("z", 4, 100)).toBe(0);
      expect(await kv.zcount("z", Date.now(), Number.MAX_SAFE_INTEGER)).toBe(0);
    });

    it("zadd with onlyExisting moves a member already there and never adds one", async () => {
      await kv.zadd("zx", 1, "here");
      await kv.zadd("zx", 5, "here", { onlyExisting: true });
      await kv.zadd("zx", 5, "absent", { onlyExisting: true });
      await kv.zadd("zx-missing", 5, "absent", { onlyExisting: true });
      expect(await kv.zcount("zx", 5, 5)).toBe(1);
      expect(await kv.zcount("zx", 0, 100)).toBe(1);
      expect(await kv.zcount("zx-missing", 0, 100)).toBe(0);
    });

    it("zcount is 0 for a missing key", async () => {
      expect(await kv.zcount("z-missing", 0, Number.MAX_SAFE_INTEGER)).toBe(0);
    });

    it("zadd of an existing member updates its score instead of adding a duplicate", async () => {
      await kv.zadd("z-upd", 1, "a");
      await kv.zadd("z-upd", 50, "a");
      expect(await kv.zcount("z-upd", 0, 100)).toBe(1);
      expect(await kv.zcount("z-upd", 0, 10)).toBe(0);
      expect(await kv.zcount("z-upd", 50, 50)).toBe(1);
    });

    it("handles large (epoch-millisecond) and fractional scores", async () => {
      const now = Date.now();
      await kv.zadd("z-time", now + 30_000, "online");
      await kv.zadd("z-time", now - 1, "stale");
      await kv.zadd("z-time", 0.5, "half");
      expect(await kv.zcount("z-time", now, Number.MAX_SAFE_INTEGER)).toBe(1);
      expect(await kv.zcount("z-time", 0.25, 0.75)).toBe(1);
    });

    it("zrem removes one member; removing a missing member or from a missing key is a no-op", async () => {
      await kv.zadd("z-rem", 1, "a");
      await kv.zadd("z-rem", 2, "b");
      await kv.zrem("z-rem", "a");
      expect(await kv.zcount("z-rem", 0, 10)).toBe(1);
      expect(await kv.zcount("z-rem", 1, 1)).toBe(0);
      await kv.zrem("z-rem", "nobody");
      await kv.zrem("z-rem-missing", "nobody");
      expect(await kv.zcount("z-rem", 0, 10)).toBe(1);
    });

    it("zremRangeByScore removes members whose score is within [min, max]", async () => {
      for (const [score, m] of [
        [1, "a"],
        [2, "b"],
        [3, "c"],
        [4, "d"],
      ] as const)
        await kv.zadd("z-range", score, m);
      await kv.zremRangeByScore("z-range", 2, 3);
      expect(await kv.zcount("z-range", 0, 10)).toBe(2);
      expect(await kv.zcount("z-range", 1, 1)).toBe(1);
      expect(await kv.zcount("z-range", 4, 4)).toBe(1);
      await kv.zremRangeByScore("z-range", 0, 100);
      expect(await kv.zcount("z-range", 0, 100)).toBe(0);
      await kv.zremRangeByScore("z-range-missing", 0, 100); // no-op
    });

    it("a sorted set emptied by zrem is gone, TTL included: members added later do not inherit it", async () => {
      await kv.zadd("z-empty", 1, "a");
      await kv.pexpire("z-empty", TTL);
      await kv.zrem("z-empty", "a");
      await kv.zadd("z-empty", 2, "b");
      await sleep(PAST_TTL);
      expect(await kv.zcount("z-empty", 0, 10)).toBe(1);
    });

    it("a sorted set emptied by zremRangeByScore is gone, TTL included", async () => {
      await kv.zadd("z-empty2", 1, "a");
      await kv.pexpire("z-empty2", TTL);
      await kv.zremRangeByScore("z-empty2", 0, 10);
      await kv.zadd("z-empty2", 2, "b");
      await sleep(PAST_TTL);
      expect(await kv.zcount("z-empty2", 0, 10)).toBe(1);
    });
  });

  describe("pexpire", () => {
    it("expires a value", async () => {
      await kv.set("pe-str", "v");
      await kv.pexpire("pe-str", TTL);
      expect(await kv.get("pe-str")).toBe("v");
      await sleep(PAST_TTL);
      expect(await kv.get("pe-str")).toBeNull();
    });

    it("expires a sorted set", async () => {
      await kv.zadd("pe-z", 1, "a");
      await kv.pexpire("pe-z", TTL);
      expect(await kv.zcount("pe-z", 0, 10)).toBe(1);
      await sleep(PAST_TTL);
      expect(await kv.zcount("pe-z", 0, 10)).toBe(0);
    });

    it("extends a TTL", async () => {
      await kv.set("pe-ext", "v", { ttlMs: TTL });
      await kv.pexpire("pe-ext", 10_000);
      await sleep(PAST_TTL);
      expect(await kv.get("pe-ext")).toBe("v");
    });

    it("does nothing to a missing key (does not create it)", async () => {
      await kv.pexpire("pe-missing", 10_000);
      expect(await kv.get("pe-missing")).toBeNull();
      expect(await kv.zcount("pe-missing", -1e15, 1e15)).toBe(0);
      expect(await kv.set("pe-missing", "v", { onlyIfAbsent: true })).toBe(true);
    });
  });

  describe("one key space", () => {
    it("set replaces a sorted set held at the same key", async () => {
      await kv.zadd("shared", 1, "a");
      expect(await kv.set("shared", "now a string", { onlyIfAbsent: true })).toBe(false);
      expect(await kv.set("shared", "now a string")).toBe(true);
      expect(await kv.get("shared")).toBe("now a string");
      await kv.del("shared");
      await kv.zadd("shared", 5, "b");
      expect(await kv.zcount("shared", 0, 10)).toBe(1);
    });

    it("string commands reject a sorted set and sorted-set commands reject a string, changing nothing", async () => {
      await kv.zadd("typed-z", 1, "a");
      await expect(kv.get("typed-z")).rejects.toThrow(/WRONGTYPE/);
      await expect(kv.incr("typed-z", 10_000)).rejects.toThrow(/WRONGTYPE/);
      expect(await kv.zcount("typed-z", 0, 10)).toBe(1);
      await kv.set("typed-s", "v");
      await expect(kv.zadd("typed-s", 1, "a")).rejects.toThrow(/WRONGTYPE/);
      await expect(kv.zcount("typed-s", 0, 10)).rejects.toThrow(/WRONGTYPE/);
      await expect(kv.zrem("typed-s", "a")).rejects.toThrow(/WRONGTYPE/);
      await expect(kv.zremRangeByScore("typed-s", 0, 10)).rejects.toThrow(/WRONGTYPE/);
      expect(await kv.get("typed-s")).toBe("v");
    });

    it("keys live under the configured prefix in the backing store", async () => {
      if (!s?.rawExists) return; // memory: one private store per instance, nothing shared to prefix
      await kv.set("prefixed", "v");
      expect(await s.rawExists(`${s.prefix}prefixed`)).toBe(true);
      expect(await s.rawExists("prefixed")).toBe(false);
    });
  });
});

/** The stand-in itself, checked against Upstash's documented wire protocol (raw HTTP and the real client). */
// Needs a real Redis behind the stand-in (see the note at the top).
describe.skipIf(!HAVE_REDIS)("Upstash REST stand-in", () => {
  let standin: UpstashStandin;
  let admin: Redis;
  const prefix = newPrefix("standin");
  const k = (name: string) => prefix + name;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(standin.url + path, {
      method: "POST",
      headers: { Authorization: `Bearer ${standin.token}`, "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

  let setupError: unknown;

  beforeAll(async () => {
    try {
      admin = await adminRedis();
      standin = await startUpstashStandin({ redisUrl: REDIS_URL, token: "secret-token" });
    } catch (err) {
      setupError = err;
    }
  });
  beforeEach(() => {
    if (setupError) throw setupError; // fail, never skip, when Redis is unreachable
  });
  afterAll(async () => {
    await standin?.close();
    if (admin) {
      await deletePrefix(admin, prefix);
      await admin.quit();
    }
  });

  it("listens on 127.0.0.1 on an ephemeral port", () => {
    expect(standin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("rejects a missing or wrong bearer token with 401", async () => {
    const none = await fetch(standin.url, { method: "POST", body: JSON.stringify(["PING"]) });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "Unauthorized" });
    const wrong = await post("/", ["PING"], { Authorization: "Bearer nope" });
    expect(wrong).toEqual({ status: 401, body: { error: "Unauthorized" } });
  });

  it("runs a JSON command posted to / and maps integer, null, string and array results", async () => {
    expect(await post("/", ["SET", k("a"), "v", "PX", 10_000])).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["GET", k("a")])).toEqual({ status: 200, body: { result: "v" } });
    expect(await post("/", ["GET", k("missing")])).toEqual({ status: 200, body: { result: null } });
    expect(await post("/", ["INCR", k("n")])).toEqual({ status: 200, body: { result: 1 } });
    expect(await post("/", ["MGET", k("a"), k("missing")])).toEqual({ status: 200, body: { result: ["v", null] } });
    expect(await post("/", ["EVAL", "return {1, 'x', {2, 'y'}}", 0])).toEqual({ status: 200, body: { result: [1, "x", [2, "y"]] } });
  });

  it("answers a failing command with 400 and the Redis error", async () => {
    await post("/", ["SET", k("s"), "abc"]);
    const r = await post("/", ["INCR", k("s")]);
    expect(r.status).toBe(400);
    expect((r.body as { error: string }).error).toMatch(/^ERR value is not an integer/);
    expect((await post("/", ["NOSUCHCOMMAND"])).status).toBe(400);
    expect((await post("/", { not: "a command" })).status).toBe(400);
  });

  it("base64-encodes strings, nested ones included, but not a top-level OK, under Upstash-Encoding: base64", async () => {
    const enc = { "Upstash-Encoding": "base64" };
    expect(await post("/", ["SET", k("e"), "héllo"], enc)).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["GET", k("e")], enc)).toEqual({ status: 200, body: { result: b64("héllo") } });
    expect(await post("/", ["PING"], enc)).toEqual({ status: 200, body: { result: b64("PONG") } });
    expect(await post("/", ["INCR", k("e-n")], enc)).toEqual({ status: 200, body: { result: 1 } });
    expect(await post("/", ["EVAL", "return {1, 'OK', {'x', false}}", 0], enc)).toEqual({
      status: 200,
      body: { result: [1, b64("OK"), [b64("x"), null]] },
    });
  });

  it("runs /pipeline in order, with per-command results and errors", async () => {
    const r = await post("/pipeline", [
      ["SET", k("p"), "x"],
      ["INCR", k("p")],
      ["ZADD", k("pz"), 11, "i1", 22, "i2"],
      ["GET", k("p")],
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { result: "OK" },
      { error: expect.stringMatching(/^ERR value is not an integer/) },
      { result: 2 },
      { result: "x" },
    ]);
  });

  it("runs /multi-exec as a transaction, and rejects a transaction Redis discards with 400", async () => {
    const ok = await post("/multi-exec", [
      ["SET", k("m"), "1"],
      ["INCR", k("m")],
      ["GET", k("m")],
    ]);
    expect(ok).toEqual({ status: 200, body: [{ result: "OK" }, { result: 2 }, { result: "2" }] });
    const discarded = await post("/multi-exec", [["SET", k("m2"), "1"], ["NOSUCHCOMMAND"]]);
    expect(discarded.status).toBe(400);
    expect(discarded.body).toEqual({ error: expect.any(String) });
    expect(await admin.exists(k("m2"))).toBe(0);
  });

  it("accepts path-style commands and the _token query parameter", async () => {
    const key = encodeURIComponent(k("path"));
    const set = await fetch(`${standin.url}/set/${key}/hello/PX/10000?_token=${standin.token}`);
    expect([set.status, await set.json()]).toEqual([200, { result: "OK" }]);
    const get = await fetch(`${standin.url}/get/${key}`, { headers: { Authorization: `Bearer ${standin.token}` } });
    expect([get.status, await get.json()]).toEqual([200, { result: "hello" }]);
    const wrong = await fetch(`${standin.url}/get/${key}?_token=nope`);
    expect(wrong.status).toBe(401);
  });

  it("refuses to flush the shared Redis", async () => {
    expect((await post("/", ["FLUSHDB"])).status).toBe(400);
  });

  it("works with the real @upstash/redis client: commands, auto-pipelining, pipeline() and multi()", async () => {
    const client = new UpstashRedis({ url: standin.url, token: standin.token, enableTelemetry: false });
    await client.set(k("c"), { a: 1 });
    expect(await client.get(k("c"))).toEqual({ a: 1 });
    await client.zadd(k("cz"), { score: 1, member: "m1" }, { score: 2, member: "m2" });
    expect(await client.zrange(k("cz"), 0, -1, { withScores: true })).toEqual(["m1", 1, "m2", 2]);
    const [a, b] = await client.pipeline().incr(k("ci")).incr(k("ci")).exec();
    expect([a, b]).toEqual([1, 2]);
    const tx = await client.multi().set(k("ct"), "v").get(k("ct")).exec();
    expect(tx).toEqual(["OK", "v"]);
    const bad = new UpstashRedis({ url: standin.url, token: "wrong", enableTelemetry: false, retry: false });
    await expect(bad.get(k("c"))).rejects.toThrow(/Unauthorized/);
  });
});
