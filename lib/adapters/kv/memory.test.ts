import { afterEach, describe, expect, it } from "vitest";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import type { Kv } from "@/lib/adapters/kv/port";

/** Expiry in the memory adapter, driven by an injected clock: no real waiting. */
describe("memory kv expiry (injected clock)", () => {
  let t = 1_000_000;
  const clock = () => t;
  let kv: Kv;
  const fresh = () => {
    t = 1_000_000;
    kv = createMemoryKv(clock);
    return kv;
  };
  afterEach(async () => {
    await kv?.close();
  });

  it("a value lives until exactly ttlMs has passed", async () => {
    fresh();
    await kv.set("k", "v", { ttlMs: 1_000 });
    t += 999;
    expect(await kv.get("k")).toBe("v");
    t += 1;
    expect(await kv.get("k")).toBeNull();
  });

  it("a value without ttlMs never expires", async () => {
    fresh();
    await kv.set("k", "v");
    t += 365 * 24 * 3600 * 1000;
    expect(await kv.get("k")).toBe("v");
  });

  it("onlyIfAbsent treats an expired key as absent", async () => {
    fresh();
    expect(await kv.set("lock", "a", { ttlMs: 500, onlyIfAbsent: true })).toBe(true);
    t += 499;
    expect(await kv.set("lock", "b", { ttlMs: 500, onlyIfAbsent: true })).toBe(false);
    t += 1;
    expect(await kv.set("lock", "b", { ttlMs: 500, onlyIfAbsent: true })).toBe(true);
    expect(await kv.get("lock")).toBe("b");
  });

  it("incr keeps the first increment's window and reports the time left on the clock", async () => {
    fresh();
    expect(await kv.incr("c", 60_000)).toEqual({ value: 1, ttlMs: 60_000 });
    t += 15_000;
    expect(await kv.incr("c", 60_000)).toEqual({ value: 2, ttlMs: 45_000 });
    t += 44_999;
    expect(await kv.incr("c", 60_000)).toEqual({ value: 3, ttlMs: 1 });
    t += 1;
    expect(await kv.incr("c", 60_000)).toEqual({ value: 1, ttlMs: 60_000 });
  });

  it("pexpire sets a new deadline for values and sorted sets; a missing key stays missing", async () => {
    fresh();
    await kv.set("s", "v", { ttlMs: 100 });
    await kv.pexpire("s", 10_000);
    await kv.zadd("z", 1, "m");
    await kv.pexpire("z", 2_000);
    await kv.pexpire("nobody", 2_000);
    t += 1_999;
    expect(await kv.get("s")).toBe("v");
    expect(await kv.zcount("z", 0, 10)).toBe(1);
    t += 1;
    expect(await kv.zcount("z", 0, 10)).toBe(0);
    expect(await kv.get("nobody")).toBeNull();
    t += 8_000;
    expect(await kv.get("s")).toBeNull();
  });

  it("an expired sorted set is replaced by a fresh one without a TTL", async () => {
    fresh();
    await kv.zadd("z", 1, "old");
    await kv.pexpire("z", 1_000);
    t += 1_000;
    await kv.zadd("z", 2, "new");
    t += 1_000_000;
    expect(await kv.zcount("z", 0, 10)).toBe(1);
    expect(await kv.zcount("z", 1, 1)).toBe(0);
  });

  it("a sorted set emptied by zrem drops its TTL with it", async () => {
    fresh();
    await kv.zadd("z", 1, "a");
    await kv.pexpire("z", 1_000);
    await kv.zrem("z", "a");
    await kv.zadd("z", 2, "b");
    t += 5_000;
    expect(await kv.zcount("z", 0, 10)).toBe(1);
  });
});
