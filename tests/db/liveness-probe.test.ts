/**
 * The database breaker's probe ("is PostgreSQL answering at all?") on a real PostgreSQL behind the fault
 * tests' TCP proxy. An answer it got before a cut must not vouch for the database after it: the first
 * ask_human after a cut would otherwise wait a whole extra round of the time-out before hearing
 * FALLBACK_UNREACHABLE. Nothing here is timed beyond the probe's own bound. Needs PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLivenessProbe } from "@/lib/adapters/db/liveness-probe";
import { createTestDatabase } from "@/tests/support/test-deps";
import { startTcpProxy, type TcpProxy } from "@/tests/support/tcp-proxy";

describe.skipIf(!process.env.DATABASE_URL)("the database liveness probe", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: TcpProxy;
  let isAlive: (withinMs: number, since: number) => Promise<boolean>;

  beforeAll(async () => {
    fresh = await createTestDatabase({ migrated: false });
    const direct = new URL(fresh.url!);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(fresh.url!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    isAlive = createLivenessProbe(viaProxy.toString(), 1);
  });
  afterAll(async () => {
    await proxy?.close();
    await fresh?.drop();
  });

  it("answers up while PostgreSQL answers, then down right after a cut, despite its answer a moment before", async () => {
    // Generous bound for a loaded machine: the database is there, so the answer comes.
    expect(await isAlive(10_000, Date.now())).toBe(true);
    await proxy.cut("blackhole");
    try {
      // Asked about the time after the cut: the remembered answer is older, and the blackhole never answers.
      expect(await isAlive(300, Date.now())).toBe(false);
    } finally {
      await proxy.restore();
    }
    // Back: once the probe that went into the blackhole has given up (its connect time-out, 1 s), a new connection answers.
    let back = false;
    for (let i = 0; i < 20 && !back; i++) back = await isAlive(10_000, Date.now());
    expect(back).toBe(true);
  });

  it("a waiter whose round began before the last answer is satisfied by it without asking again", async () => {
    const before = Date.now() - 1;
    expect(await isAlive(10_000, Date.now())).toBe(true);
    await proxy.cut("blackhole");
    try {
      // The answer came after `before`: it stands for that waiter (it proves the database answered during its round).
      expect(await isAlive(300, before)).toBe(true);
    } finally {
      await proxy.restore();
    }
  });
});
