/**
 * The HITL figures (1–3, 8, and 9 on PostgreSQL) against one app on one database: `npm run bench` runs this once per database
 * (PostgreSQL + Redis when DATABASE_URL is set, and the embedded PGlite) and prints the runs side by side.
 */
import { randomUUID } from "node:crypto";
import { api } from "../../e2e/support/api";
import { connectModern } from "../../e2e/support/mcp-clients";
import { type BurstResult, burstRows, figureBurst } from "../figures/burst";
import { type CutResult, databaseCutRows, figureDatabaseCut } from "../figures/database-cut";
import { type ConcurrencyResult, concurrencyRows, figureConcurrency } from "../figures/concurrency";
import { figureLatency, type LatencyResult, latencyRows } from "../figures/latency";
import { figureThroughput, type ThroughputResult, throughputRows } from "../figures/throughput";
import { cleanup, cleanups, heartbeat, setup, type Target } from "./app";
import { groupStats, heapProbe } from "./process-stats";
import type { Row } from "./report";
import { FIGURES, S } from "./settings";
import { log, round, sleep } from "./stats";

type Wave = Pick<ConcurrencyResult, "answeredCorrectly" | "errors" | "rssMb" | "heapAfterGc" | "timingsMs">;

export type HitlRun = {
  target: Target;
  drivers: { db?: string; kv?: string; bus?: string };
  rows: Row[];
  latency?: LatencyResult;
  concurrency?: ConcurrencyResult & { extraWaves: Wave[] };
  throughput?: ThroughputResult;
  burst?: BurstResult;
  databaseCut?: CutResult;
  appEnv: Record<string, string | undefined>;
  serverRssMb: { atStart: number; atEnd: number };
  serverCpuMsTotal: number;
  heartbeatFailures: number;
  appLogTail: string[];
  errorSamples: Record<string, string[]>;
};

export async function runHitlFigures(target: Target): Promise<HitlRun> {
  const e = await setup(target);
  const deps = e.health.dependencies ?? {};
  const drivers = { db: deps.database?.driver, kv: deps.kv?.driver, bus: deps.eventBus?.driver };
  log(`[${target}] app on ${e.app.baseUrl} (pid ${e.app.process.pid}); db=${drivers.db} kv=${drivers.kv} bus=${drivers.bus}`);
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
  const extraWaves: Wave[] = [];
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

  let burst: BurstResult | undefined;
  if (FIGURES.has(8)) {
    await heapProbe(e);
    await sleep(2000);
    burst = await figureBurst(e);
  }

  const rssAtEnd = groupStats(e.app.process.pid!);
  const heartbeatFailures = hb.failures();
  const appLogTail = e.app.logs().split("\n").filter(Boolean).slice(-20);
  await cleanup();
  // Its own app behind a TCP proxy; PGlite runs in-process and cannot be cut.
  const databaseCut = FIGURES.has(9) && target === "postgres" ? await figureDatabaseCut() : undefined;
  return {
    target,
    drivers,
    rows: [
      ...(latency ? latencyRows(latency) : []),
      ...(concurrency ? concurrencyRows(concurrency) : []),
      ...(throughput ? throughputRows(throughput) : []),
      ...(burst ? burstRows(burst) : []),
      ...(databaseCut ? databaseCutRows(databaseCut) : []),
    ],
    latency,
    concurrency: concurrency && { ...concurrency, extraWaves },
    throughput,
    burst,
    databaseCut,
    appEnv: { ...e.env, DATABASE_URL: e.env.DATABASE_URL ? "(fresh database)" : undefined },
    serverRssMb: { atStart: round(rssAtStart.rssMb), atEnd: round(rssAtEnd.rssMb) },
    serverCpuMsTotal: round(rssAtEnd.cpuMs, 0),
    heartbeatFailures,
    appLogTail,
    errorSamples: {
      event: latency?.event.errorSamples ?? [],
      polling: latency?.polling.errorSamples ?? [],
      concurrent: concurrency?.errorSamples ?? [],
    },
  };
}
