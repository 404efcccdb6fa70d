/**
 * Figure: reconciliation of N non-final simulated calls (default 10,000; BENCH_QUICK=1: 1,000) in one run of
 * the sync job at the default settings (CALL_SYNC_BATCH_SIZE, _CONCURRENCY, _RPS). The calls were placed on
 * the simulator 15 minutes "ago", so every one has ended at the provider and each needs a status update and a
 * credit settlement — the worst case after a webhook outage. Database: a fresh PostgreSQL database when
 * DATABASE_URL is set, else in-memory PGlite. BENCH_SYNC_CALLS overrides N. Goal: < 60 s.
 */
import { performance } from "node:perf_hooks";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { runSyncCalls } from "@/lib/domains/calls/sync-calls";
import { resetConfig } from "@/lib/platform/config/env";
import { calls, creditAccounts } from "@/lib/adapters/db/schema";
import { createSimulatorTelephony } from "@/lib/adapters/telephony/simulator";
import { createTestDeps } from "../../tests/support/test-deps";
import type { Row } from "../support/report";

const GOAL_SECONDS = 60;

export async function benchCallsSync(opts: {
  quick: boolean;
  log: (msg: string) => void;
}): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? "warn"; // 10,000 "call final" lines would drown the report
  resetConfig();
  const n = Number(process.env.BENCH_SYNC_CALLS ?? (opts.quick ? 1000 : 10_000));
  const deps = await createTestDeps({ LOG_LEVEL: "warn" });
  const secret = "bench-simulator-secret-0123456789";
  try {
    opts.log(`calls sync: seeding ${n} non-final simulated calls…`);
    const placedAgo = createSimulatorTelephony({ speed: 1, webhookSecret: secret, webhooks: false, now: () => Date.now() - 15 * 60_000 });
    const accounts = await Promise.all(Array.from({ length: 10 }, (_, i) => createAccount(deps.db, { name: `bench sync ${i}` })));
    const perAccount = new Map<string, number>();
    for (let start = 0; start < n; start += 1000) {
      const rows: Array<typeof calls.$inferInsert> = [];
      for (let i = start; i < Math.min(n, start + 1000); i++) {
        const accountId = accounts[i % accounts.length]!.account.id;
        const phoneNumber = `+1555${String(1_000_000 + i * 7919).slice(-7)}`;
        const id = crypto.randomUUID();
        const placed = await placedAgo.placeCall({
          callId: id,
          phoneNumber,
          task: "Confirm tomorrow's delivery window.",
          voice: "maya",
          model: "base",
          maxDurationMinutes: 5,
          record: true,
          webhookUrl: "",
          metadata: {},
        });
        rows.push({
          id,
          accountId,
          provider: "simulator",
          providerCallId: placed.providerCallId,
          phoneNumber,
          task: "Confirm tomorrow's delivery window.",
          voice: "maya",
          model: "base",
          maxDurationMinutes: 5,
          record: true,
          status: (i % 3 ? "in_progress" : "queued") as "in_progress" | "queued",
          holdAmount: 45,
          ratePerMinute: 9,
          createdAt: new Date(Date.now() - 15 * 60_000 + i),
        });
        perAccount.set(accountId, (perAccount.get(accountId) ?? 0) + 45);
      }
      await deps.db.insert(calls).values(rows);
    }
    await deps.db.insert(creditAccounts).values([...perAccount].map(([accountId, held]) => ({ accountId, balance: 100_000_000, held })));

    opts.log(
      `calls sync: one run at batch ${deps.config.CALL_SYNC_BATCH_SIZE}, concurrency ${deps.config.CALL_SYNC_CONCURRENCY}, ${deps.config.CALL_SYNC_RPS} req/s…`,
    );
    const telephony = createSimulatorTelephony({ speed: 1, webhookSecret: secret, webhooks: false });
    const t0 = performance.now();
    const run = await runSyncCalls({ ...deps, telephony });
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    opts.log(`calls sync: ${run.status} in ${seconds} s, ${run.providerRequests} provider requests, ${JSON.stringify(run.counts)}`);
    const ok = run.status === "finished" && run.counts.updated === n && seconds < GOAL_SECONDS;
    return {
      rows: [
        [
          `6. call sync: ${n} non-final calls, one run (${deps.database.driver})`,
          `${seconds} s, ${run.status}, ${run.counts.updated} updated, ${run.counts.failed + run.counts.dead_lettered} failed`,
          `< ${GOAL_SECONDS} s`,
          ok ? "PASS" : "FAIL",
        ],
        [
          "6. call sync: provider requests",
          `${run.providerRequests} (${Math.round(run.providerRequests / Math.max(seconds, 0.1))}/s; ${run.batches} batches)`,
          `= ${n}`,
          run.providerRequests === n ? "PASS" : "FAIL",
        ],
      ],
      figures: {
        calls: n,
        seconds,
        ...run,
        settings: {
          batchSize: deps.config.CALL_SYNC_BATCH_SIZE,
          concurrency: deps.config.CALL_SYNC_CONCURRENCY,
          rps: deps.config.CALL_SYNC_RPS,
        },
      },
    };
  } finally {
    await deps.close();
  }
}

// `npx tsx bench/figures/calls-sync.ts` runs this figure alone.
if (process.argv[1]?.endsWith("calls-sync.ts")) {
  benchCallsSync({ quick: process.env.BENCH_QUICK === "1", log: (m) => process.stdout.write(`${m}\n`) }).then((r) => {
    for (const row of r.rows) process.stdout.write(`${row.join(" | ")}\n`);
  });
}
