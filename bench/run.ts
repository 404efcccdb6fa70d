/**
 * `npm run bench` — Switchboard's performance figures against the built app (`next start`), each measured
 * against a baseline in the same run (these machines are shared and noisy). One file per figure:
 *
 *   1. bench/figures/latency.ts      answer delivery latency, event-driven vs a polling baseline
 *   2. bench/figures/concurrency.ts  BENCH_CONCURRENT ask_human calls waiting at once
 *   3. bench/figures/throughput.ts   tools/list and get_human_answer vs a bare SDK server on the same database
 *   4. bench/figures/console.ts      console: case created → row visible; Send click → ask_human result (Chromium)
 *   5. bench/figures/calls.ts        make_phone_call latency against get_credits / tools/list
 *   6. bench/figures/calls-sync.ts   reconciliation of 10,000 non-final simulated calls
 *   7. bench/figures/sheets-log.ts   10,000 events drained to a Google Sheets stand-in at 60 requests/min
 *   8. bench/figures/burst.ts        5,000 ask_human at once (answered or "busy"); 300 answers at once → delivery
 *   9. bench/figures/database-cut.ts PostgreSQL cut behind a TCP proxy → FALLBACK_UNREACHABLE (PostgreSQL only)
 *  10. bench/figures/memory.ts       answer memory: automatic-answer precision/recall and suggestion top-3 recall on
 *                                    bench/memory-eval (300+ pairs); search_answers and ask_human p95 at 100,000 answers
 *  11. bench/figures/cold-start.ts   first request of a fresh process (/api/health, /api/mcp tools/list) vs warm; route bundle sizes
 *  12. bench/figures/slack.ts        Slack: the Answer modal's view_submission → the waiting ask_human result (in-process)
 *
 * Figures 1–3 and 8 run on PostgreSQL + Redis (when DATABASE_URL / REDIS_URL are set) and on the embedded PGlite
 * in the same run (bench/support/hitl-run.ts), printed side by side; figures 4–7 run once.
 * Shared pieces live in bench/support (settings, stats, process and heap probes, the app, the report).
 * Prints a table and writes bench/results/latest.json (plus a timestamped copy).
 *
 * Environment: BENCH_QUICK=1 (smoke: 30 escalations, 100 concurrent, 2 s, bursts of 300 / 50), BENCH_ESCALATIONS,
 * BENCH_CONCURRENT, BENCH_SECONDS, BENCH_THROUGHPUT_CONCURRENCY (16), BENCH_LATENCY_PARALLEL (8),
 * BENCH_THINK_MS ("200-3000"), BENCH_ROUNDS, BENCH_CLIENTS (8), BENCH_ANSWER_CONCURRENCY (20),
 * BENCH_MAX_MINUTES (60), BENCH_BURST_CALLS (5000), BENCH_BURST_ANSWERS (300), BENCH_WAVES (1; more repeats figure 2 to watch for leaks), BENCH_HEAP=0 (do not load
 * bench/support/heap-probe.cjs into the server — it forces a GC at quiet points to read the retained heap),
 * BENCH_COLD_ROUNDS (3), BENCH_COLD_WARM (10),
 * BENCH_STRICT=1 (exit 1 when a goal fails), BENCH_DATABASES ("postgres" or "pglite": figures 1–3, 8, 9 on that one only), BENCH_FIGURES ("1,3": run only those figures). DATABASE_URL / REDIS_URL: also run against a fresh PostgreSQL
 * database / Redis (as the e2e helpers do); the embedded PGlite + in-memory kv and bus always run.
 * E2E_SKIP_BUILD=0 forces a `next build` even when .next/BUILD_ID exists.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BURST_GOALS } from "./figures/burst";
import { CUT_GOAL_MS } from "./figures/database-cut";
import { benchCalls } from "./figures/calls";
import { benchCallsSync } from "./figures/calls-sync";
import { benchColdStart } from "./figures/cold-start";
import { benchConsole } from "./figures/console";
import { benchSheetsLog } from "./figures/sheets-log";
import { benchMemory } from "./figures/memory";
import { benchSlack } from "./figures/slack";
import { cleanup, ensureBuild, root, type Target, targetLabel } from "./support/app";
import { type HitlRun, runHitlFigures } from "./support/hitl-run";
import { environmentFacts, type Row, sideBySide, table, writeReport } from "./support/report";
import { FIGURES, GOALS, QUICK, S } from "./support/settings";
import { log } from "./support/stats";

async function main() {
  const watchdog = setTimeout(() => {
    log(`gave up after BENCH_MAX_MINUTES=${S.maxMinutes}`);
    void cleanup().finally(() => process.exit(2));
  }, S.maxMinutes * 60_000);
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void cleanup().finally(() => process.exit(130)));

  const startedAt = new Date();
  const loadBefore = os.loadavg();
  log(`settings: ${JSON.stringify(S)}`);
  const { built } = await ensureBuild();
  const buildIdPath = path.join(root, ".next", "BUILD_ID");
  const build = {
    builtByBench: built,
    buildId: fs.readFileSync(buildIdPath, "utf8").trim(),
    builtAt: fs.statSync(buildIdPath).mtime.toISOString(),
  };

  // Figures 1–3 and 8 run on every database this machine offers: PostgreSQL + Redis when DATABASE_URL is set, and
  // always the embedded PGlite, so one run prints both side by side. Figures 4–7 run once, on DATABASE_URL if set.
  // BENCH_DATABASES=postgres (or pglite) runs them on one only, to look at a figure on one database.
  const targets: Target[] = (process.env.DATABASE_URL ? (["postgres", "pglite"] as const) : (["pglite"] as const)).filter(
    (t) => !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.split(",").includes(t),
  );
  const hitl: HitlRun[] = [];
  for (const target of targets) {
    if (![1, 2, 3, 8, 9].some((f) => FIGURES.has(f))) break;
    hitl.push(await runHitlFigures(target));
  }

  const rows: Row[] = [];
  if (FIGURES.has(4)) rows.push(...(await benchConsole({ quick: QUICK, log })));
  if (FIGURES.has(5)) rows.push(...(await benchCalls({ quick: QUICK, log })).rows);
  if (FIGURES.has(6)) rows.push(...(await benchCallsSync({ quick: QUICK, log })).rows);
  if (FIGURES.has(7)) rows.push(...(await benchSheetsLog({ quick: QUICK, log })).rows);
  if (FIGURES.has(10)) rows.push(...(await benchMemory({ quick: QUICK, log })).rows);
  if (FIGURES.has(11)) rows.push(...(await benchColdStart({ quick: QUICK, log })).rows);
  if (FIGURES.has(12)) rows.push(...(await benchSlack({ quick: QUICK, log })).rows);
  const everyRow = [...hitl.flatMap((h) => h.rows), ...rows];
  clearTimeout(watchdog);
  const allPass = everyRow.every((r) => r[3] !== "FAIL");

  const report = {
    timestamp: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: { ...environmentFacts(loadBefore), build },
    settings: S,
    goals: { ...GOALS, ...BURST_GOALS, databaseCutMs: CUT_GOAL_MS },
    hitl: hitl.map(({ rows: _rows, ...h }) => h),
    summary: everyRow.map(([figure, value, goal, result]) => ({ figure, value, goal, result })),
    allPass,
  };
  const written = writeReport(report, `${targets.join("+")}${QUICK ? "-quick" : ""}`);

  process.stdout.write(
    `\nSwitchboard bench — ${report.timestamp} — node ${process.version}, ${os.cpus().length} CPUs, load ${loadBefore.map((x) => x.toFixed(1)).join(" ")}` +
      `${QUICK ? " — QUICK" : ""}\n\n`,
  );
  if (hitl.length) process.stdout.write(`${sideBySide(hitl.map((h) => ({ label: targetLabel(h.target), rows: h.rows })))}\n\n`);
  if (rows.length)
    process.stdout.write(`figures 4–7 and 10–12 on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}:\n${table(rows)}\n\n`);
  process.stdout.write(`wrote ${written.join(" and ")}\n`);
  for (const h of hitl)
    if (Object.values(h.errorSamples).some((x) => x.length))
      process.stdout.write(`error samples (${targetLabel(h.target)}): ${JSON.stringify(h.errorSamples, null, 2)}\n`);
  // A report, not a gate: goals are judged on shared, noisy machines, so a miss is shown in the table and
  // fails the command only when asked (BENCH_STRICT=1, documented in the README's Benchmarks section).
  process.exitCode = process.env.BENCH_STRICT === "1" && !allPass ? 1 : 0;
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch(async (e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    await cleanup();
    process.exit(1);
  });
