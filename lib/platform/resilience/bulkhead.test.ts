import { describe, expect, it } from "vitest";
import { createBulkhead } from "@/lib/platform/resilience/bulkhead";
import { isBusy, isDependencyDown } from "@/lib/platform/resilience/dependency-error";

/** A task that runs until released. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, task: async () => (await opened, "done") };
}

describe("escalation bulkhead (cockatiel bulkhead + a queue time-out)", () => {
  it("runs up to the limit, queues up to queueMax, and says busy (not down) beyond", async () => {
    const b = createBulkhead({ limit: 2, queueMax: 1, queueTimeoutMs: 60_000 });
    const g = gate();
    const running = [b.run(g.task), b.run(g.task), b.run(g.task)];
    expect(b.stats()).toMatchObject({ active: 2, queued: 1 });
    const refused = await b.run(g.task).catch((e) => e);
    expect(isBusy(refused)).toBe(true);
    expect(isDependencyDown(refused)).toBe(false);
    g.open();
    expect(await Promise.all(running)).toEqual(["done", "done", "done"]);
    expect(b.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it("a call still queued after the queue time-out leaves busy, and never runs", async () => {
    const b = createBulkhead({ limit: 1, queueMax: 10, queueTimeoutMs: 20 });
    const g = gate();
    const first = b.run(g.task);
    let ran = false;
    const late = await b.run(async () => ((ran = true), "late")).catch((e) => e);
    expect(isBusy(late)).toBe(true);
    // Queued behind the abandoned entry: it must still get its turn, not be stranded behind it.
    const behind = b.run(async () => "behind");
    g.open();
    expect(await first).toBe("done");
    expect(await behind).toBe("behind");
    expect(ran).toBe(false);
  });
});
