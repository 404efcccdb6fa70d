import { describe, expect, it } from "vitest";
import type { Kv } from "@/lib/adapters/kv/port";
import { withLocalFallback } from "@/lib/adapters/kv/local-fallback";
import { dependencyUnavailable } from "@/lib/platform/resilience/dependency-error";

/** A shared kv whose every command fails the way the guarded Redis adapter does while Redis is down. */
function unreachableKv(error: () => unknown = () => dependencyUnavailable("kv")): Kv {
  const fail = async (): Promise<never> => {
    throw error();
  };
  return {
    driver: "redis",
    get: fail,
    set: fail,
    del: fail,
    incr: fail,
    zadd: fail,
    zcount: fail,
    zrem: fail,
    zremRangeByScore: fail,
    pexpire: fail,
    ping: fail,
    close: async () => {},
  };
}

describe("withLocalFallback", () => {
  it("counts in this instance's memory while the shared kv is unreachable", async () => {
    const kv = withLocalFallback(unreachableKv());
    const key = `t:${Math.random()}`;
    expect((await kv.incr(key, 60_000)).value).toBe(1);
    expect((await kv.incr(key, 60_000)).value).toBe(2);
    await kv.set(`${key}:s`, "x");
    expect(await kv.get(`${key}:s`)).toBe("x");
  });

  it("does not hide other errors", async () => {
    const kv = withLocalFallback(unreachableKv(() => new Error("WRONGTYPE Operation against a key holding the wrong kind of value")));
    await expect(kv.incr("k", 1000)).rejects.toThrow(/WRONGTYPE/);
  });
});
