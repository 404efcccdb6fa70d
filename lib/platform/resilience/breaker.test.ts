import { describe, expect, it } from "vitest";
import { createDependencyGuard } from "@/lib/platform/resilience/breaker";
import { isBusy, isDependencyDown } from "@/lib/platform/resilience/dependency-error";

const hang = () => new Promise<never>(() => {});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("dependency guard (cockatiel breaker + timeout)", () => {
  it("counts time-outs as failures: after `threshold` of them it fails at once, then probes and closes", async () => {
    const guard = createDependencyGuard({ dependency: "database", timeoutMs: 30, threshold: 2, resetMs: 1000, isFault: () => false });
    for (let i = 0; i < 2; i++) {
      const e = await guard.run(hang).catch((x) => x);
      expect(isDependencyDown(e, "database")).toBe(true);
    }
    expect(guard.state()).toBe("down");
    // Refused without running the work (so without waiting for the timeout), however slow the machine is.
    let ran = false;
    const refused = await guard.run(() => ((ran = true), hang())).catch((x) => x);
    expect(isDependencyDown(refused, "database")).toBe(true);
    expect(ran).toBe(false);
    await sleep(1100);
    expect(await guard.run(async () => "back")).toBe("back");
    expect(guard.state()).toBe("up");
  });

  it("lets errors that are not faults through untouched, without opening", async () => {
    const guard = createDependencyGuard({
      dependency: "kv",
      timeoutMs: 100,
      threshold: 1,
      resetMs: 1000,
      isFault: (e) => (e as Error).message === "down",
    });
    const bad = new Error("bad input");
    expect(await guard.run(() => Promise.reject(bad)).catch((x) => x)).toBe(bad);
    expect(guard.state()).toBe("up");
    expect(isDependencyDown(await guard.run(() => Promise.reject(new Error("down"))).catch((x) => x), "kv")).toBe(true);
    expect(guard.state()).toBe("down");
  });

  it("with a probe, slow work on a dependency that answers is load: never counted, it finishes or is busy", async () => {
    const guard = createDependencyGuard({
      dependency: "database",
      timeoutMs: 20,
      threshold: 1,
      resetMs: 60_000,
      isAlive: async () => true,
      busyAfterMs: 200,
    });
    // Slower than the time-out, well within the busy bound: it finishes.
    expect(await guard.run(async () => (await sleep(60), "done"))).toBe("done");
    // Never finishing while the dependency answers its probe: "busy", and the breaker stays closed.
    const e = await guard.run(hang).catch((x) => x);
    expect(isBusy(e)).toBe(true);
    expect(isDependencyDown(e)).toBe(false);
    expect(guard.state()).toBe("up");
  });

  it("with a probe, slow work on a dependency that does not answer it either is an outage", async () => {
    const guard = createDependencyGuard({
      dependency: "database",
      timeoutMs: 20,
      threshold: 2,
      resetMs: 60_000,
      isAlive: () => hang(),
      busyAfterMs: 60_000,
    });
    for (let i = 0; i < 2; i++) expect(isDependencyDown(await guard.run(hang).catch((x) => x), "database")).toBe(true);
    expect(guard.state()).toBe("down");
  });
});
