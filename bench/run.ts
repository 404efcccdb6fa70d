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
 *   8. bench/figures/memory.ts       answer memory: automatic-answer precision/recall and suggestion top-3 recall on
 *                                    bench/memory-eval (300+ pairs); search_answers and ask_human p95 at 100,000 answers
 *   9. bench/figures/cold-start.ts   first request of a fresh process (/api/health, /api/mcp tools/list) vs warm; route bundle sizes
 *
 * Shared pieces live in bench/support (settings, stats, process and heap probes, the app, the report).
 * Prints a table and writes bench/results/latest.json (plus a timestamped copy).
 *
 * Environment: BENCH_QUICK=1 (smoke: 30 escalations, 100 concurrent, 2 s), BENCH_ESCALATIONS,
 * BENCH_CONCURRENT, BENCH_SECONDS, BENCH_THROUGHPUT_CONCURRENCY (16), BENCH_LATENCY_PARALLEL (8),
 * BENCH_THINK_MS ("200-3000"), BENCH_ROUNDS, BENCH_CLIENTS (8), BENCH_ANSWER_CONCURRENCY (20),
 * BENCH_MAX_MINUTES (30), BENCH_WAVES (1; more repeats figure 2 to watch for leaks), BENCH_HEAP=0 (do not load
 * bench/support/heap-probe.cjs into the server — it forces a GC at quiet points to read the retained heap),
 * BENCH_COLD_ROUNDS (3), BENCH_COLD_WARM (10),
 * BENCH_STRICT=1 (exit 1 when a goal fails), BENCH_FIGURES ("1,3": run only those figures). DATABASE_URL / REDIS_URL: run against a fresh PostgreSQL
 * database / Redis (as the e2e helpers do); default is the embedded PGlite + in-memory kv and bus.
 * E2E_SKIP_BUILD=0 forces a `next build` even when .next/BUILD_ID exists.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { api } from "../e2e/support/api";
import { connectModern } from "../e2e/support/mcp-clients";
import { benchCalls } from "./figures/calls";
import { benchCallsSync } from "./figures/calls-sync";
import { benchColdStart } from "./figures/cold-start";
import { type ConcurrencyResult, concurrencyRows, figureConcurrency } from "./figures/concurrency";
import { benchConsole } from "./figures/console";
import { figureLatency, type LatencyResult, latencyRows } from "./figures/latency";
import { benchSheetsLog } from "./figures/sheets-log";
import { benchMemory } from "./figures/memory";
import { figureThroughput, type ThroughputResult, throughputRows } from "./figures/throughput";
import { cleanup, cleanups, ensureBuild, heartbeat, root, setup } from "./support/app";
import { groupStats, heapProbe } from "./support/process-stats";
import { environmentFacts, type Row, table, writeReport } from "./support/report";
import { FIGURES, GOALS, QUICK, S } from "./support/settings";
import { log, round, sleep } from "./support/stats";

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

  const e = await setup();
  const deps = e.health.dependencies ?? {};
  const drivers = { db: deps.database?.driver, kv: deps.kv?.driver, bus: deps.eventBus?.driver };
  log(`app on ${e.app.baseUrl} (pid ${e.app.process.pid}); db=${drivers.db} kv=${drivers.kv} bus=${drivers.bus}`);
  const rest = api(e.app.baseUrl);
  const hb = heartbeat(rest, e.answerKey);
  cleanups.push(() => hb.stop());
  await hb.first;
  const rssAtStart = groupStats(e.app.process.pid!);

  // Warm the routes once so first-request compilation/caching is not in the figures.
  const agent = await connectModern(e.app.baseUrl, e.agentKey);
  await rest.call("GET", "/api/cases?status=open", { key: e.answerKey });
  await agent.listTools();
  let latency: LatencyResult | undefined;
  if (FIGURES.has(1)) {
    log(`figure 1: answer delivery latency over ${S.escalations} escalations (+ the same number polled)…`);
    latency = await figureLatency(e, agent);
    const [L, P] = [latency.event.latencyMs, latency.polling.latencyMs];
    log(`  event p50/p95/p99 ${L.p50}/${L.p95}/${L.p99} ms; polling ${P.p50}/${P.p95}/${P.p99} ms`);
  }
  await agent.close();

  let concurrency: ConcurrencyResult | undefined;
  const extraWaves: Array<Pick<ConcurrencyResult, "answeredCorrectly" | "errors" | "rssMb" | "heapAfterGc" | "timingsMs">> = [];
  if (FIGURES.has(2)) {
    log(`figure 2: ${S.concurrent} ask_human calls waiting at once…`);
    concurrency = await figureConcurrency(e);
    log(
      `  ${concurrency.answeredCorrectly}/${concurrency.requested} correct, ${concurrency.errors} errors, RSS ${concurrency.rssMb.before} → peak ${concurrency.rssMb.peak} MB, wall ${concurrency.timingsMs.wall} ms`,
    );
  }
  for (let w = 2; concurrency && w <= S.waves; w++) {
    const x = await figureConcurrency(e);
    extraWaves.push({
      answeredCorrectly: x.answeredCorrectly,
      errors: x.errors,
      rssMb: x.rssMb,
      heapAfterGc: x.heapAfterGc,
      timingsMs: x.timingsMs,
    });
    log(
      `  wave ${w}: ${x.answeredCorrectly}/${x.requested} correct, ${x.errors} errors, RSS ${x.rssMb.before} → peak ${x.rssMb.peak} → after ${x.rssMb.after} MB`,
    );
  }

  let throughput: ThroughputResult | undefined;
  if (FIGURES.has(3)) {
    log(`figure 3: throughput, ${S.throughputConcurrency} concurrent, ${S.seconds} s per run, ${S.rounds} round(s)…`);
    let caseId = latency?.answeredCaseId;
    if (!caseId) {
      // figure 1 produced no answered case: make one
      const c = await rest.call("POST", "/api/cases", { key: e.agentKey, body: { question: `bench throughput ${randomUUID()}` } });
      caseId = c.json.id as string;
      await rest.answer(e.answerKey, caseId, "Yes.");
    }
    // Let figure 2's garbage go before measuring throughput (a forced GC when the heap probe is on, then a pause).
    await heapProbe(e);
    await sleep(2000);
    throughput = await figureThroughput(e, caseId);
  }

  const rssAtEnd = groupStats(e.app.process.pid!);
  const heartbeatFailures = hb.failures();
  const appLogTail = e.app.logs().split("\n").filter(Boolean).slice(-20);
  await cleanup();
  clearTimeout(watchdog);

  const rows: Row[] = [
    ...(latency ? latencyRows(latency) : []),
    ...(concurrency ? concurrencyRows(concurrency) : []),
    ...(throughput ? throughputRows(throughput) : []),
  ];
  if (FIGURES.has(4)) rows.push(...(await benchConsole({ quick: QUICK, log })));
  if (FIGURES.has(5)) rows.push(...(await benchCalls({ quick: QUICK, log })).rows);
  if (FIGURES.has(6)) rows.push(...(await benchCallsSync({ quick: QUICK, log })).rows);
  if (FIGURES.has(7)) rows.push(...(await benchSheetsLog({ quick: QUICK, log })).rows);
  if (FIGURES.has(8)) rows.push(...(await benchMemory({ quick: QUICK, log })).rows);
  if (FIGURES.has(9)) rows.push(...(await benchColdStart({ quick: QUICK, log })).rows);
  const allPass = rows.every((r) => r[3] !== "FAIL");

  const report = {
    timestamp: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      ...environmentFacts(loadBefore),
      drivers,
      build,
      appEnv: { ...e.env, DATABASE_URL: e.env.DATABASE_URL ? "(fresh database)" : undefined },
      serverRssMb: { atStart: round(rssAtStart.rssMb), atEnd: round(rssAtEnd.rssMb) },
      serverCpuMsTotal: round(rssAtEnd.cpuMs, 0),
      heartbeatFailures,
    },
    settings: S,
    goals: GOALS,
    figures: { latency, concurrency: concurrency && { ...concurrency, extraWaves }, throughput },
    summary: rows.map(([figure, value, goal, result]) => ({ figure, value, goal, result })),
    allPass,
    appLogTail,
  };
  const written = writeReport(report, `${drivers.db}${QUICK ? "-quick" : ""}`);

  process.stdout.write(
    `\nSwitchboard bench — ${report.timestamp} — node ${process.version}, ${os.cpus().length} CPUs, load ${loadBefore.map((x) => x.toFixed(1)).join(" ")}` +
      ` — db=${drivers.db} kv=${drivers.kv} bus=${drivers.bus}${QUICK ? " — QUICK" : ""}\n\n`,
  );
  process.stdout.write(`${table(rows)}\n\nwrote ${written.join(" and ")}\n`);
  const samples = {
    event: latency?.event.errorSamples ?? [],
    polling: latency?.polling.errorSamples ?? [],
    concurrent: concurrency?.errorSamples ?? [],
  };
  if (Object.values(samples).some((s) => s.length)) process.stdout.write(`error samples: ${JSON.stringify(samples, null, 2)}\n`);
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
