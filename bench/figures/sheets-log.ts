/**
 * Figure: the Google Sheets log. 10,000 events (BENCH_QUICK=1: 2,000; BENCH_SHEETS_EVENTS overrides) —
 * calls placed, then ringing, in_progress and completed, four events per call, recorded through the real
 * outbox helper and the real call-update core — drained by the real drainer through @googleapis/sheets
 * against the local Sheets stand-in (tests/support/sheets-standin.ts) with a 60 requests/min quota and 10 %
 * of requests failing with an injected 429 or 5xx. Nothing is simulated in time: the wall clock, the
 * documented backoff (1 s base) and the real quota window. Reports rows lost and duplicated (goal 0 each),
 * requests used, and the wall time from the first drain until the sheet matches the database (goal < 2 min).
 * Run alone: `npx tsx bench/figures/sheets-log.ts`.
 */
import { generateKeyPairSync } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { applyCallUpdates, type BatchUpdate } from "@/lib/domains/calls/apply-call-update-batch";
import { resetConfig } from "@/lib/platform/config/env";
import { calls, creditAccounts } from "@/lib/adapters/db/schema";
import { createSheetsPort } from "@/lib/domains/sheets";
import { createSheetsDrainer } from "@/lib/domains/sheets/drain";
import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { TABS } from "@/lib/domains/sheets/layout";
import { startSheetsStandin } from "../../tests/support/sheets-standin";
import { createTestDeps } from "../../tests/support/test-deps";
import type { Row } from "../support/report";

const GOAL_SECONDS = 120;
const STEPS = ["ringing", "in_progress", "completed"] as const;

export async function benchSheetsLog(opts: {
  quick: boolean;
  log: (msg: string) => void;
}): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? "warn";
  resetConfig();
  const events = Number(process.env.BENCH_SHEETS_EVENTS ?? (opts.quick ? 2000 : 10_000));
  const n = Math.ceil(events / 4);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const email = "bench@switchboard-bench.iam.gserviceaccount.com";
  const spreadsheetId = "1BenchSheetsLog0123456789abcdef";
  const standin = await startSheetsStandin({
    spreadsheetId,
    clientEmail: email,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    quotaPerMinute: 60,
    seed: 7,
  });
  const deps = await createTestDeps({
    LOG_LEVEL: "warn",
    SHEETS_SPREADSHEET_ID: spreadsheetId,
    SHEETS_SERVICE_ACCOUNT_EMAIL: email,
    SHEETS_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    SHEETS_API_URL: standin.url,
    SHEETS_TOKEN_URL: standin.tokenUrl,
    SHEETS_MAX_RUN_SECONDS: "600",
  });
  try {
    opts.log(`sheets log: recording ${n * 4} events (${n} calls × queued/ringing/in_progress/completed)…`);
    const g0 = performance.now();
    const accounts = await Promise.all(Array.from({ length: 5 }, (_, i) => createAccount(deps.db, { name: `bench sheets ${i}` })));
    await deps.db.insert(creditAccounts).values(accounts.map((a) => ({ accountId: a.account.id, balance: 100_000_000, held: 0 })));
    const ids: Array<{ id: string; accountId: string }> = [];
    for (let start = 0; start < n; start += 500) {
      const rows = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
        const i = start + k;
        return {
          id: crypto.randomUUID(),
          accountId: accounts[i % accounts.length]!.account.id,
          provider: "simulator",
          phoneNumber: `+1555${String(1_000_000 + i).slice(-7)}`,
          task: "Bench call.",
          voice: "maya",
          model: "base",
          maxDurationMinutes: 5,
          record: false,
          holdAmount: 0,
          ratePerMinute: 9,
        };
      });
      // Placing a call writes its row and its "queued" event in one transaction, as reserveCall does.
      await deps.db.transaction(async (tx) => {
        await tx.insert(calls).values(rows);
        await enqueueSheetEvents(
          tx,
          rows.map((r) => ({ entityType: "call" as const, entityId: r.id, accountId: r.accountId, event: "queued" })),
        );
      });
      ids.push(...rows.map((r) => ({ id: r.id, accountId: r.accountId })));
    }
    for (const status of STEPS) {
      for (let start = 0; start < n; start += 1000) {
        const batch: BatchUpdate[] = ids.slice(start, start + 1000).map((c) => ({
          callId: c.id,
          accountId: c.accountId,
          update: { status, ...(status === "completed" ? { durationSeconds: 30 } : {}) },
          source: "bench",
        }));
        const out = await applyCallUpdates(deps, batch);
        if (out.some((o) => !o.ok)) throw new Error("a bench call update failed");
      }
    }
    const generationSeconds = Math.round((performance.now() - g0) / 100) / 10;

    standin.state.faults = { rate429: 0.05, rate5xx: 0.05 / 0.95, rateTimeout: 0, outage: false }; // ≈ 10 % of requests fail
    opts.log(
      `sheets log: ${n * 4} events recorded in ${generationSeconds} s; draining at ${deps.config.SHEETS_REQUESTS_PER_MINUTE} req/min, batches of ${deps.config.SHEETS_BATCH_ROWS}, 10 % injected 429/5xx…`,
    );
    const drainer = createSheetsDrainer({ deps, port: createSheetsPort(deps.config) });
    const t0 = performance.now();
    let runs = 0;
    for (let r = await drainer.run(); !(r.status === "drained" && r.batches === 0); r = await drainer.run()) {
      if (++runs > 500 || performance.now() - t0 > 10 * 60_000)
        throw new Error(`the sheet did not catch up (last run ${JSON.stringify(r)})`);
      if (r.status === "breaker_open") await new Promise((res) => setTimeout(res, 1000));
    }
    const seconds = Math.round((performance.now() - t0) / 100) / 10;

    const [, ...sheet] = standin.read(`'${TABS.call.title}'`);
    const seen = new Map<string, number>();
    for (const row of sheet) seen.set(String(row[0]), (seen.get(String(row[0])) ?? 0) + 1);
    const eventsCol = TABS.call.columns.indexOf("Events");
    const labels = sheet.flatMap((row) =>
      String(row[eventsCol])
        .split("; ")
        .map((e) => `${row[0]} ${e.split(" ")[0]}`),
    );
    const expected = ids.flatMap((c) => ["queued", ...STEPS].map((s) => `${c.id} ${s}`));
    const labelSet = new Set(labels);
    const lost = expected.filter((e) => !labelSet.has(e)).length;
    const duplicated = labels.length - labelSet.size + [...seen.values()].filter((k) => k > 1).length;
    const mismatched = sheet.filter((row) => row[TABS.call.columns.indexOf("Status")] !== "completed").length;
    const requests = standin.state.log.filter((l) => l.path !== "/token").length;
    const failed = standin.state.injected["429"] + standin.state.injected["5xx"];
    const maxWindow = Math.max(standin.maxWritesInWindow(), standin.maxReadsInWindow());
    opts.log(
      `sheets log: sheet matches the database after ${seconds} s; ${requests} requests (${failed} failed by injection), lost ${lost}, duplicated ${duplicated}, most in any 60 s window ${maxWindow}`,
    );
    const ok = lost === 0 && duplicated === 0 && mismatched === 0 && seconds < GOAL_SECONDS && maxWindow <= 60;
    return {
      rows: [
        [
          `7. sheets log: ${n * 4} events, 60 req/min quota, ~10 % injected 429/5xx (${deps.database.driver}, real time)`,
          `lost ${lost}, duplicated ${duplicated}, ${mismatched} rows behind`,
          "0 / 0 / 0",
          lost + duplicated + mismatched === 0 ? "PASS" : "FAIL",
        ],
        [
          "7. sheets log: wall time until the sheet matches the database",
          `${seconds} s (events recorded beforehand in ${generationSeconds} s)`,
          `< ${GOAL_SECONDS} s`,
          seconds < GOAL_SECONDS ? "PASS" : "FAIL",
        ],
        [
          "7. sheets log: requests used",
          `${requests} (${failed} failed by injection; most in any 60 s window: ${maxWindow})`,
          "≤ 60 per 60 s",
          maxWindow <= 60 ? "PASS" : "FAIL",
        ],
      ].map((r) => r as Row),
      figures: {
        events: n * 4,
        calls: n,
        seconds,
        generationSeconds,
        requests,
        injectedFailures: failed,
        lost,
        duplicated,
        mismatched,
        maxRequestsIn60s: maxWindow,
        runs,
        ok,
        simulated: "the Google Sheets API (local stand-in, same wire protocol and quota rules); time is real",
      },
    };
  } finally {
    await deps.close();
    await standin.close();
  }
}

// `npx tsx bench/figures/sheets-log.ts`: this figure alone.
if (process.argv[1]?.endsWith("sheets-log.ts")) {
  const log = (msg: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
  benchSheetsLog({ quick: process.env.BENCH_QUICK === "1", log })
    .then((r) => {
      for (const row of r.rows) log(row.join(" | "));
      process.exit(r.figures.ok ? 0 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
