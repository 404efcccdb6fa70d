import { sql } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { log } from "@/lib/platform/log";
import { TokenBucket } from "@/lib/domains/sheets/token-bucket";
import { backoffPolicy, retryDelayMs } from "@/lib/platform/resilience/backoff";
import { allocateRows, commitBatch, renderRows, selectBatch, toRanges } from "@/lib/domains/sheets/batch";
import { systemClock, type Clock } from "@/lib/domains/sheets/clock";
import { createBreaker, createGateway, isBrokenCircuit, type Breaker } from "@/lib/domains/sheets/gateway";
import { isSheetsError, type SheetsPort } from "@/lib/domains/sheets/port";
import { ensureGrid, forgetTabs, prepareSheet, readTabs } from "@/lib/domains/sheets/setup";
import { acquireLease, pruneRequests, readState, recordError, releaseLease, renewLease } from "@/lib/domains/sheets/store";

import type { DrainResult, SheetsDrainer } from "@/lib/domains/sheets/port";

export type { DrainResult, DrainStatus, SheetsDrainer } from "@/lib/domains/sheets/port";

export type DrainerOptions = { deps: Deps; port: SheetsPort | null; clock?: Clock; random?: () => number };

/**
 * The Sheets drainer. One run: take the lease, then batch after batch — escalations first, each entity's
 * events together, new rows and updates alike as explicit row ranges in ONE values:batchUpdate request —
 * within the token bucket, until the outbox is empty or the time box ends. A 429/5xx/time-out backs off
 * as Google documents (the shared policy, lib/platform/resilience/backoff.ts) and tries again (the same rows: idempotent); the breaker stops it all during an outage.
 */
export function createSheetsDrainer(o: DrainerOptions): SheetsDrainer {
  const { db, config: c } = o.deps;
  const clock = o.clock ?? systemClock;
  let breaker: Breaker | undefined;

  async function discard(): Promise<DrainResult> {
    // No Google credentials: the database already holds everything; a later connection rebuilds the sheet.
    await db.execute(sql`delete from sheets_outbox where seq in (select seq from sheets_outbox order by seq limit 5000)`);
    return { status: "not_configured", batches: 0, rows: 0, requests: 0, retries: 0 };
  }

  async function run(): Promise<DrainResult> {
    if (!o.port) return discard();
    const port = o.port;
    const holder = await acquireLease(db, c.SHEETS_LEASE_SECONDS);
    if (!holder) return { status: "lease_held", batches: 0, rows: 0, requests: 0, retries: 0 };
    const state = await readState(db);
    breaker ??= createBreaker(db, c, state.breakerSnapshot);
    const bucket = new TokenBucket(
      c.SHEETS_REQUESTS_PER_MINUTE,
      c.SHEETS_BURST,
      state.bucketTokens ?? c.SHEETS_BURST,
      state.bucketAtMs ?? clock.now(),
    );
    const gateway = createGateway({ db, holder, clock, breaker: breaker.policy, bucket });
    const out: DrainResult = { status: "drained", batches: 0, rows: 0, requests: 0, retries: 0 };
    const send: typeof gateway = (kind, rows, fn) => {
      out.requests++;
      return gateway(kind, rows, fn);
    };
    const ctx = { db, port, config: c, send };
    const deadline = clock.now() + c.SHEETS_MAX_RUN_SECONDS * 1000;
    let attempt = 0;
    try {
      await pruneRequests(db, clock.now());
      for (;;) {
        if (clock.now() > deadline) return { ...out, status: "time_boxed" };
        try {
          await prepareSheet(ctx);
          const batch = await selectBatch(db, c.SHEETS_BATCH_ROWS);
          if (!batch.length) return out;
          await allocateRows(db, batch);
          await renderRows(db, batch);
          await ensureGrid(ctx, batch);
          const headers = (await readTabs(db)).filter((t) => !t.headerWritten).map((t) => t.entityType);
          const ranges = toRanges(batch, headers);
          const rows = batch.filter((e) => e.cells).length;
          if (ranges.length) await send("values.batchUpdate", rows, () => port.writeRanges(ranges));
          await commitBatch(db, holder, batch, headers);
          out.batches++;
          out.rows += rows;
          attempt = 0;
          if (!(await renewLease(db, holder, c.SHEETS_LEASE_SECONDS))) return { ...out, status: "lease_lost" };
        } catch (e) {
          if (isBrokenCircuit(e)) return { ...out, status: "breaker_open" };
          if ((e as { code?: unknown }).code === "lease_lost") return { ...out, status: "lease_lost" };
          if (!isSheetsError(e)) throw e;
          if (e.status === 400) await forgetTabs(db);
          if (!e.retryable) {
            await recordError(db, e.message, clock.now());
            return { ...out, status: "failed", error: e.message };
          }
          const delay = retryDelayMs(++attempt, backoffPolicy(c, "sheets"), { retryAfterMs: e.retryAfterMs, random: o.random });
          if (clock.now() + delay > deadline) return { ...out, status: "time_boxed", error: e.message };
          out.retries++;
          await clock.sleep(delay);
        }
      }
    } finally {
      await breaker.flush();
      await releaseLease(db, holder).catch((e) => log.warn({ err: String(e) }, "sheets lease release failed"));
    }
  }

  return { run, breakerState: () => breaker?.state() ?? "closed" };
}
