/**
 * `npm run bench` — Switchboard's performance figures against the built app (`next start`):
 *
 *   1. Answer delivery latency: operator POST /api/cases/{id}/messages sent → ask_human result at the MCP
 *      client (2.x client), against a polling baseline (POST /api/cases, then GET /api/cases/{id} with
 *      backoff 500 ms → 2 s) measured in the same run over the same escalations.
 *   2. BENCH_CONCURRENT ask_human calls waiting at once on one instance, each answered through the REST
 *      API with its own answer: correctness, errors, server RSS, wall time.
 *   3. Throughput of tools/list and get_human_answer through the app, as a ratio against a bare
 *      @modelcontextprotocol/server McpServer (bench/bare-server.ts) with the same client and concurrency.
 *   4. Console (bench/console.ts, real Chromium): case created → row visible; Send click → ask_human result.
 *   5. make_phone_call latency on the simulator against get_credits / tools/list (bench/calls.ts).
 *   6. Reconciliation of 10,000 non-final simulated calls in one run (bench/calls-sync.ts).
 *   7. The Google Sheets log: 10,000 events drained against the Sheets stand-in at 60 req/min (bench/sheets-log.ts).
 *
 * Prints a table and writes bench/results/latest.json (plus a timestamped copy).
 *
 * Environment: BENCH_QUICK=1 (smoke: 30 escalations, 100 concurrent, 2 s), BENCH_ESCALATIONS,
 * BENCH_CONCURRENT, BENCH_SECONDS, BENCH_THROUGHPUT_CONCURRENCY (16), BENCH_LATENCY_PARALLEL (8),
 * BENCH_THINK_MS ("200-3000"), BENCH_ROUNDS, BENCH_CLIENTS (8), BENCH_ANSWER_CONCURRENCY (20),
 * BENCH_MAX_MINUTES (30), BENCH_WAVES (1; more repeats figure 2 to watch for leaks), BENCH_HEAP=0 (do not load
 * bench/heap-probe.cjs into the server — it forces a GC at quiet points to read the retained heap),
 * BENCH_STRICT=1 (exit 1 when a goal fails). DATABASE_URL / REDIS_URL: run
 * against a fresh PostgreSQL database / Redis (as the e2e helpers do); default is the embedded PGlite +
 * in-memory kv and bus. E2E_SKIP_BUILD=0 forces a `next build` even when .next/BUILD_ID exists.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { api, structured } from "../e2e/support/api";
import { buildApp, cli, freshDatabaseEnv, startApp, type RunningApp } from "../e2e/support/app-server";
import { connectLegacy, connectModern, type McpTestClient, type ToolCallResult } from "../e2e/support/mcp-clients";
import { benchCalls } from "./calls";
import { benchCallsSync } from "./calls-sync";
import { benchSheetsLog } from "./sheets-log";
import { benchConsole } from "./console";

const root = path.resolve(__dirname, "..");
const resultsDir = path.join(__dirname, "results");

// ─── settings ────────────────────────────────────────────────────────────────────────────────────

const QUICK = process.env.BENCH_QUICK === "1";
function num(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name}: expected a number ≥ ${min}, got "${raw}"`);
  return n;
}
function range(name: string, fallback: [number, number]): [number, number] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const m = /^(\d+)-(\d+)$/.exec(raw.trim());
  if (!m || Number(m[1]) > Number(m[2])) throw new Error(`${name}: expected "min-max" in ms, got "${raw}"`);
  return [Number(m[1]), Number(m[2])];
}

const S = {
  quick: QUICK,
  escalations: Math.floor(num("BENCH_ESCALATIONS", QUICK ? 30 : 200)),
  concurrent: Math.floor(num("BENCH_CONCURRENT", QUICK ? 100 : 1000)),
  seconds: num("BENCH_SECONDS", QUICK ? 2 : 5, 0.2),
  throughputConcurrency: Math.floor(num("BENCH_THROUGHPUT_CONCURRENCY", 16)),
  throughputMaxRequests: Math.floor(num("BENCH_MAX_REQUESTS", 200_000)),
  rounds: Math.floor(num("BENCH_ROUNDS", QUICK ? 1 : 2)),
  latencyParallel: Math.floor(num("BENCH_LATENCY_PARALLEL", 8)),
  thinkMs: range("BENCH_THINK_MS", [200, 3000]),
  clients: Math.floor(num("BENCH_CLIENTS", 8)),
  /** Extra rounds of figure 2 after the first, to see whether memory is reused (no leak) or keeps growing. */
  waves: Math.floor(num("BENCH_WAVES", 1)),
  answerConcurrency: Math.floor(num("BENCH_ANSWER_CONCURRENCY", 20)),
  operatorPollMs: num("BENCH_OPERATOR_POLL_MS", 25),
  maxMinutes: num("BENCH_MAX_MINUTES", 30),
  rateLimitPerMinute: 1_000_000,
  askTimeoutSeconds: 55,
};

const GOALS = { latencyP95Ms: 50, rssGrowthMb: 300, throughputRatio: 0.5 };

// ─── small utilities ─────────────────────────────────────────────────────────────────────────────

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const log = (msg: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const round = (n: number, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);

type Percentiles = { n: number; min: number; p50: number; p90: number; p95: number; p99: number; max: number; mean: number };
function percentiles(values: number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : NaN);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  return { n: s.length, min: round(s[0] ?? NaN, 2), p50: round(at(50), 2), p90: round(at(90), 2), p95: round(at(95), 2), p99: round(at(99), 2), max: round(s.at(-1) ?? NaN, 2), mean: round(mean, 2) };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** Rejects after `ms` so no await in the bench can hang. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** A seeded PRNG (mulberry32) so both latency paths get the same operator think times. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ─── the server's process tree: RSS and CPU ──────────────────────────────────────────────────────

const CLK_TCK = 100;
/** Every process in the server's process group (startApp spawns `next start` detached, so pgid = its pid). */
function groupStats(pgid: number): { pids: number[]; rssMb: number; cpuMs: number } {
  let rssKb = 0;
  let ticks = 0;
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // pgrp
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
      pids.push(Number(entry));
    } catch {
      // the process went away between readdir and read
    }
  }
  return { pids, rssMb: rssKb / 1024, cpuMs: (ticks * 1000) / CLK_TCK };
}

/** CPU time of one process (all its threads). */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}
const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Samples one request's round trip every `everyMs`: how slow the machine itself is right now. */
function noiseProbe(url: string, everyMs = 250) {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running && samples.length < 100_000) {
      const t = now();
      const ok = await fetch(url).then((r) => r.arrayBuffer().then(() => r.ok), () => false);
      if (ok) samples.push(now() - t);
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return percentiles(samples);
    },
  };
}

type HeapFigures = { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number; gcMs: number };

/**
 * Asks the server (through bench/heap-probe.cjs, loaded with NODE_OPTIONS) to collect garbage and report its
 * memory. Undefined when the probe is off (BENCH_HEAP=0) or does not answer within 10 s.
 */
async function heapProbe(e: { app: RunningApp; heapFile?: string }): Promise<HeapFigures | undefined> {
  if (!e.heapFile || e.app.process.exitCode !== null || !fs.existsSync(e.heapFile)) return undefined;
  const lines0 = fs.readFileSync(e.heapFile, "utf8").split("\n").filter(Boolean);
  if (!lines0.some((l) => JSON.parse(l).pid === e.app.process.pid)) return undefined; // the server did not load the probe
  const seen = lines0.length;
  process.kill(e.app.process.pid!, "SIGUSR2");
  const deadline = now() + 10_000;
  while (now() < deadline) {
    await sleep(100);
    const lines = fs.existsSync(e.heapFile) ? fs.readFileSync(e.heapFile, "utf8").split("\n").filter(Boolean) : [];
    if (lines.length > seen) {
      const m = JSON.parse(lines.at(-1)!);
      const mb = (b: number) => round(b / 2 ** 20);
      return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), gcMs: m.gcMs };
    }
  }
  return undefined;
}

class RssSampler {
  peakMb = 0;
  samples = 0;
  private timer?: NodeJS.Timeout;
  constructor(private readonly pgid: number) {}
  start(everyMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    return this;
  }
  sample() {
    const { rssMb } = groupStats(this.pgid);
    this.samples++;
    if (rssMb > this.peakMb) this.peakMb = rssMb;
    return rssMb;
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
    return this.peakMb;
  }
}

// ─── setup ───────────────────────────────────────────────────────────────────────────────────────

const cleanups: Array<() => Promise<unknown> | unknown> = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await within(Promise.resolve(cleanups.pop()!()), 15_000, "cleanup");
    } catch (e) {
      log(`cleanup: ${(e as Error).message}`);
    }
  }
}

async function ensureBuild(): Promise<{ built: boolean }> {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const forced = process.env.E2E_SKIP_BUILD === "0";
  // Reuse an existing build; `next build` only when there is none (or E2E_SKIP_BUILD=0).
  if (!forced && fs.existsSync(buildId)) process.env.E2E_SKIP_BUILD = "1";
  const willBuild = process.env.E2E_SKIP_BUILD !== "1";
  for (let attempt = 1; ; attempt++) {
    try {
      if (willBuild) log(`next build (attempt ${attempt})…`);
      buildApp();
      return { built: willBuild };
    } catch (e) {
      // Another engineer's `next build` holds .next/lock (or is rewriting .next): wait, then retry.
      if (attempt >= 5) throw e;
      log(`${(e as Error).message} — another build may hold .next/lock; retrying in 30 s`);
      await sleep(30_000);
      if (!forced && fs.existsSync(buildId)) process.env.E2E_SKIP_BUILD = "1";
    }
  }
}

type Env = { app: RunningApp; agentKey: string; answerKey: string; health: any; env: Record<string, string>; heapFile?: string };

async function setup(): Promise<Env> {
  const db = await freshDatabaseEnv();
  cleanups.push(() => db.drop());
  const env: Record<string, string> = {
    ...db.env,
    KV_PREFIX: `sbbench:${randomBytes(4).toString("hex")}:`,
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    API_RATE_LIMIT_PER_MINUTE: String(S.rateLimitPerMinute),
    CASE_TTL_MINUTES: "60",
  };
  // Provision through the CLI before the server starts (the embedded database is locked while it runs).
  const accountId = cli(env, "accounts", "create", "--name", "Bench");
  const agentKey = cli(env, "keys", "create", "--name", "bench agent", "--scopes", "hitl:ask", "--account", accountId);
  const answerKey = cli(env, "keys", "create", "--name", "bench answer bridge", "--scopes", "hitl:answer", "--account", accountId);
  // The heap probe (bench/heap-probe.cjs) lets the bench force a GC in the server at quiet points and read its heap.
  const heapFile = process.env.BENCH_HEAP === "0" ? undefined : path.join(os.tmpdir(), `switchboard-bench-heap-${process.pid}-${Date.now()}.jsonl`);
  const appEnv = heapFile
    ? { ...env, BENCH_HEAP_FILE: heapFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --require ${path.join(__dirname, "heap-probe.cjs")}`.trim() }
    : env;
  if (heapFile) cleanups.push(() => fs.rmSync(heapFile, { force: true }));
  let app: RunningApp;
  try {
    app = await startApp(appEnv);
  } catch (e) {
    // e.g. someone else's `next build` was rewriting .next at that moment
    log(`app did not start (${(e as Error).message.split("\n")[0]}); retrying in 30 s`);
    await sleep(30_000);
    app = await startApp(appEnv);
  }
  cleanups.push(() => app.stop());
  const health = await (await fetch(`${app.baseUrl}/api/health`)).json();
  return { app, agentKey, answerKey, health, env, heapFile };
}

// ─── operator: finds cases in the open list (one poller shared by every escalation) ─────────────

class Operator {
  private waiting = new Map<string, { resolve: (c: { id: string; foundAt: number }) => void }>();
  private running = false;
  private loop?: Promise<void>;
  polls = 0;
  constructor(
    private readonly rest: ReturnType<typeof api>,
    private readonly key: string,
    private readonly everyMs: number,
  ) {}
  start() {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        if (this.waiting.size) {
          this.polls++;
          const r = await this.rest.call("GET", "/api/cases?status=open&limit=200", { key: this.key }).catch(() => null);
          const t = now();
          for (const c of (r?.json?.cases ?? []) as Array<{ id: string; question: string }>) {
            const w = this.waiting.get(c.question);
            if (w) {
              this.waiting.delete(c.question);
              w.resolve({ id: c.id, foundAt: t });
            }
          }
        }
        await sleep(this.everyMs);
      }
    })();
    return this;
  }
  find(question: string, timeoutMs = 15_000) {
    return within(new Promise<{ id: string; foundAt: number }>((resolve) => this.waiting.set(question, { resolve })), timeoutMs, `case "${question}" in the open list`).catch(
      (e) => {
        this.waiting.delete(question);
        throw e;
      },
    );
  }
  async stop() {
    this.running = false;
    await this.loop;
  }
}

function heartbeat(rest: ReturnType<typeof api>, key: string) {
  let failures = 0;
  const beat = () =>
    rest.heartbeat(key).then(
      (r) => void (r.status !== 200 && failures++),
      () => void failures++,
    );
  const timer = setInterval(beat, 10_000);
  return {
    first: beat(),
    failures: () => failures,
    stop: () => clearInterval(timer),
  };
}

// ─── figure 1: answer delivery latency vs polling ────────────────────────────────────────────────

type LatencyResult = {
  event: { latencyMs: Percentiles; answerPostRttMs: Percentiles; resultMinusPostResponseMs: Percentiles; errors: number; errorSamples: string[] };
  /** GET /api/health round trips sampled every 250 ms during the figure: the machine's own noise. */
  noiseFloorHealthRttMs: Percentiles;
  loadAvg1m: { before: number; after: number };
  polling: { latencyMs: Percentiles; errors: number; errorSamples: string[]; polls: number };
  ratioP50: number;
  ratioP95: number;
  thinkMs: [number, number];
  parallel: number;
  operatorPolls: number;
  wallMs: number;
  answeredCaseId?: string;
};

async function figureLatency(e: Env, agent: McpTestClient): Promise<LatencyResult> {
  const rest = api(e.app.baseUrl);
  const operator = new Operator(rest, e.answerKey, S.operatorPollMs).start();
  const probe = noiseProbe(`${e.app.baseUrl}/api/health`);
  const loadAvg = os.loadavg()[0]!;
  const rand = prng(0x5b0a7d);
  const think = Array.from({ length: S.escalations }, () => S.thinkMs[0] + rand() * (S.thinkMs[1] - S.thinkMs[0]));
  const run = randomBytes(3).toString("hex");
  const ev = { lat: [] as number[], rtt: [] as number[], vsResponse: [] as number[], errors: 0, samples: [] as string[] };
  const pl = { lat: [] as number[], errors: 0, samples: [] as string[], polls: 0 };
  let answeredCaseId: string | undefined;
  const fail = (bucket: { errors: number; samples: string[] }, msg: string) => {
    bucket.errors++;
    if (bucket.samples.length < 5) bucket.samples.push(msg);
  };

  const eventTask = async (i: number) => {
    const question = `bench latency ${run} event #${i} ${randomUUID()}`;
    const answer = `event answer #${i} ${randomBytes(4).toString("hex")}`;
    let tResult = 0;
    const settled = agent.callTool("ask_human", { question, timeoutSeconds: S.askTimeoutSeconds }, { timeoutMs: 70_000 }).then(
      (r) => ((tResult = now()), { ok: true as const, r }),
      (err) => ((tResult = now()), { ok: false as const, err: err as Error }),
    );
    try {
      const c = await operator.find(question);
      await sleep(think[i]! - (now() - c.foundAt));
      const t0 = now();
      const posted = await rest.answer(e.answerKey, c.id, answer);
      const tPosted = now();
      const out = await within(settled, 70_000, "ask_human");
      if (posted.status !== 201) return fail(ev, `answer POST ${posted.status}: ${posted.text.slice(0, 200)}`);
      if (!out.ok) return fail(ev, `ask_human rejected: ${out.err.message}`);
      const s = structured(out.r);
      if (out.r.isError || s?.status !== "answered" || s.answer !== answer || s.caseId !== c.id) return fail(ev, `ask_human returned ${JSON.stringify(out.r.structuredContent ?? out.r.content)}`);
      ev.lat.push(tResult - t0);
      ev.rtt.push(tPosted - t0);
      ev.vsResponse.push(tResult - tPosted);
      answeredCaseId = c.id;
    } catch (err) {
      fail(ev, (err as Error).message);
    }
  };

  const pollingTask = async (i: number) => {
    const question = `bench latency ${run} polling #${i} ${randomUUID()}`;
    const answer = `polling answer #${i} ${randomBytes(4).toString("hex")}`;
    try {
      const created = await rest.call("POST", "/api/cases", { key: e.agentKey, body: { question, timeoutSeconds: S.askTimeoutSeconds } });
      if (created.status !== 201) return fail(pl, `POST /api/cases ${created.status}: ${created.text.slice(0, 200)}`);
      const caseId: string = created.json.id;
      // The agent side: poll with backoff 500 ms, doubling to a 2 s cap, until the case is answered (bounded).
      const agentSide = (async () => {
        let delay = 500;
        const deadline = now() + 70_000;
        while (now() < deadline) {
          await sleep(delay);
          delay = Math.min(delay * 2, 2000);
          pl.polls++;
          const r = await rest.getCase(e.agentKey, caseId);
          if (r.json?.status === "answered") return { t: now(), answer: r.json.answer as string };
          if (r.status !== 200 || r.json?.status !== "open") throw new Error(`GET /api/cases/{id}: ${r.status} ${r.text.slice(0, 200)}`);
        }
        throw new Error("polling agent: no answer within 70 s");
      })();
      const settled = agentSide.then(
        (v) => ({ ok: true as const, v }),
        (err) => ({ ok: false as const, err: err as Error }),
      );
      const c = await operator.find(question);
      if (c.id !== caseId) return fail(pl, "operator found a different case id");
      await sleep(think[i]! - (now() - c.foundAt));
      const t0 = now();
      const posted = await rest.answer(e.answerKey, c.id, answer);
      const out = await settled;
      if (posted.status !== 201) return fail(pl, `answer POST ${posted.status}: ${posted.text.slice(0, 200)}`);
      if (!out.ok) return fail(pl, out.err.message);
      if (out.v.answer !== answer) return fail(pl, `polled answer mismatch: ${out.v.answer}`);
      pl.lat.push(out.v.t - t0);
    } catch (err) {
      fail(pl, (err as Error).message);
    }
  };

  // Interleave the two paths so both see the same background load on this shared machine.
  const tasks = Array.from({ length: S.escalations * 2 }, (_, k) => ({ kind: k % 2 === 0 ? "event" : "polling", i: k >> 1 }));
  const started = now();
  let done = 0;
  await pool(tasks, S.latencyParallel, async (t) => {
    await (t.kind === "event" ? eventTask(t.i) : pollingTask(t.i));
    if (++done % 50 === 0) log(`  latency: ${done}/${tasks.length} escalations`);
  });
  const wallMs = now() - started;
  await operator.stop();
  const healthRtt = await probe.stop();
  const event = percentiles(ev.lat);
  const polling = percentiles(pl.lat);
  return {
    event: {
      latencyMs: event,
      answerPostRttMs: percentiles(ev.rtt),
      resultMinusPostResponseMs: percentiles(ev.vsResponse),
      errors: ev.errors,
      errorSamples: ev.samples,
    },
    noiseFloorHealthRttMs: healthRtt,
    loadAvg1m: { before: round(loadAvg, 2), after: round(os.loadavg()[0]!, 2) },
    polling: { latencyMs: polling, errors: pl.errors, errorSamples: pl.samples, polls: pl.polls },
    ratioP50: round(polling.p50 / event.p50, 1),
    ratioP95: round(polling.p95 / event.p95, 1),
    thinkMs: S.thinkMs,
    parallel: S.latencyParallel,
    operatorPolls: operator.polls,
    wallMs: round(wallMs, 0),
    answeredCaseId,
  };
}

// ─── figure 2: many ask_human calls waiting at once ──────────────────────────────────────────────

type ConcurrencyResult = {
  requested: number;
  clients: { modern: number; legacy: number };
  answeredCorrectly: number;
  errors: number;
  errorKinds: Record<string, number>;
  errorSamples: string[];
  confirmedWaiting: number;
  seenOpenInList: number;
  firstListPageSize: number;
  answerPosts: { ok: number; failed: number; rttMs: Percentiles };
  rssMb: { before: number; peak: number; after: number; growth: number; afterGrowth: number; pids: number[] };
  /** From bench/heap-probe.cjs, each after a forced GC: before the calls, and once everything was answered. */
  heapAfterGc: { before?: HeapFigures; whileWaiting?: HeapFigures; after?: HeapFigures; liveKbPerWaitingCall?: number; retainedMb?: number };
  serverCpuMs: number;
  loadAvg1m: { before: number; after: number };
  timingsMs: { open: number; allWaiting: number; drain: number; wall: number };
  resultLatencyAfterAnswerMs: Percentiles;
};

async function figureConcurrency(e: Env): Promise<ConcurrencyResult> {
  const rest = api(e.app.baseUrl);
  const N = S.concurrent;
  const pgid = e.app.process.pid!;
  const clients: McpTestClient[] = [];
  for (let k = 0; k < S.clients; k++) clients.push(await (k % 2 === 0 ? connectModern : connectLegacy)(e.app.baseUrl, e.agentKey));
  const run = randomBytes(3).toString("hex");
  const prefix = `bench concurrent ${run} #`;

  // A clean baseline: collect garbage first (when the heap probe is on), then measure.
  const heapBefore = await heapProbe(e);
  await sleep(1000);
  const before = groupStats(pgid);
  const sampler = new RssSampler(pgid).start(200);

  type Call = { i: number; question: string; answer: string; caseId?: string; answeredAt?: number; progressed: boolean; settled?: { ok: boolean; r?: ToolCallResult; err?: Error; t: number } };
  const calls: Call[] = Array.from({ length: N }, (_, i) => ({ i, question: `${prefix}${i}`, answer: `answer for #${i}: ${randomBytes(6).toString("hex")}`, progressed: false }));
  const byQuestion = new Map(calls.map((c) => [c.question, c]));
  let progressed = 0;
  let settledCount = 0;
  const errorKinds: Record<string, number> = {};
  const errorSamples: string[] = [];
  const err = (kind: string, msg: string) => {
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    if (errorSamples.length < 8) errorSamples.push(`${kind}: ${msg}`);
  };

  const loadBefore1m = os.loadavg()[0]!;
  const t0 = now();
  const pending = calls.map((c) =>
    clients[c.i % clients.length]!
      .callTool("ask_human", { question: c.question, timeoutSeconds: S.askTimeoutSeconds }, {
        timeoutMs: 70_000,
        onprogress: () => {
          if (!c.progressed) {
            c.progressed = true;
            progressed++;
          }
        },
      })
      .then(
        (r) => void (c.settled = { ok: true, r, t: now() }),
        (error) => void (c.settled = { ok: false, err: error as Error, t: now() }),
      )
      .finally(() => settledCount++),
  );
  const tOpened = now();

  // Every call is waiting once it has sent a progress notification (the server sends the first one
  // HITL_PROGRESS_INTERVAL_MS, default 5 s, into the wait); bounded at 35 s.
  const waitDeadline = t0 + 35_000;
  while (progressed + settledCount < N && now() < waitDeadline) await sleep(100);
  const tAllWaiting = now();
  const confirmedWaiting = progressed;
  log(`  concurrent: ${confirmedWaiting}/${N} ask_human calls confirmed waiting after ${round((tAllWaiting - t0) / 1000, 1)} s (settled early: ${settledCount})`);
  // What the waiting calls really hold: the heap after a GC while all of them wait (a pause of a few
  // hundred ms at most, at a moment when nothing is being timed; RSS is sampled before and after it).
  const heapWhileWaiting = await heapProbe(e);

  // The operator drains the open list (newest 200 at a time — the list has no paging) with `answerConcurrency` in flight.
  const seenOpen = new Set<string>();
  const answeredIds = new Set<string>();
  const rtts: number[] = [];
  let postsOk = 0;
  let postsFailed = 0;
  let firstListPageSize = -1;
  const tDrain = now();
  const drainDeadline = t0 + 60_000;
  while (answeredIds.size < N && now() < drainDeadline) {
    const list = await rest.call("GET", "/api/cases?status=open,claimed&limit=200", { key: e.answerKey });
    if (list.status !== 200) {
      err("list", `GET /api/cases ${list.status}`);
      await sleep(100);
      continue;
    }
    const page = ((list.json?.cases ?? []) as Array<{ id: string; question: string; status: string }>).filter((c) => byQuestion.has(c.question) && !answeredIds.has(c.id));
    if (firstListPageSize < 0) firstListPageSize = page.length;
    if (!page.length) {
      if (settledCount >= N) break; // nothing left to answer
      await sleep(50);
      continue;
    }
    for (const c of page) seenOpen.add(c.id);
    await pool(page, S.answerConcurrency, async (c) => {
      const call = byQuestion.get(c.question)!;
      const t = now();
      const posted = await rest.answer(e.answerKey, c.id, call.answer).catch((error) => ({ status: 0, text: String(error) }));
      rtts.push(now() - t);
      answeredIds.add(c.id);
      if (posted.status === 201) {
        postsOk++;
        call.caseId = c.id;
        call.answeredAt = t;
      } else {
        postsFailed++;
        err("answer-post", `${posted.status} ${posted.text.slice(0, 160)}`);
      }
    });
  }
  await within(Promise.all(pending), Math.max(1000, t0 + 75_000 - now()), "ask_human results").catch((error) => err("timeout", (error as Error).message));
  const tDone = now();
  const peak = sampler.stop();
  await sleep(2000);
  const after = groupStats(pgid);
  const heapAfter = await heapProbe(e);

  let correct = 0;
  const afterAnswer: number[] = [];
  for (const c of calls) {
    const s = c.settled;
    if (!s) err("no-result", c.question);
    else if (!s.ok) err("rejected", s.err?.message ?? "");
    else {
      const sc = structured(s.r!);
      if (s.r!.isError) err("tool-error", JSON.stringify(s.r!.content).slice(0, 200));
      else if (sc?.status !== "answered") err(`status-${sc?.status}`, c.question);
      else if (sc.answer !== c.answer || sc.caseId !== c.caseId) err("wrong-answer", `${c.question}: got ${sc.answer} for ${sc.caseId}, expected ${c.answer} for ${c.caseId}`);
      else {
        correct++;
        if (c.answeredAt !== undefined) afterAnswer.push(s.t - c.answeredAt);
      }
    }
  }
  const lastResult = Math.max(...calls.map((c) => c.settled?.t ?? tDone));
  await Promise.allSettled(clients.map((c) => c.close()));
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  return {
    requested: N,
    clients: { modern: Math.ceil(S.clients / 2), legacy: Math.floor(S.clients / 2) },
    answeredCorrectly: correct,
    errors,
    errorKinds,
    errorSamples,
    confirmedWaiting,
    seenOpenInList: seenOpen.size,
    firstListPageSize,
    answerPosts: { ok: postsOk, failed: postsFailed, rttMs: percentiles(rtts) },
    rssMb: {
      before: round(before.rssMb),
      peak: round(peak),
      after: round(after.rssMb),
      growth: round(peak - before.rssMb),
      afterGrowth: round(after.rssMb - before.rssMb),
      pids: after.pids,
    },
    heapAfterGc: {
      before: heapBefore,
      whileWaiting: heapWhileWaiting,
      after: heapAfter,
      liveKbPerWaitingCall:
        heapBefore && heapWhileWaiting
          ? round(((heapWhileWaiting.heapUsedMb + heapWhileWaiting.externalMb - heapBefore.heapUsedMb - heapBefore.externalMb) * 1024) / Math.max(1, confirmedWaiting))
          : undefined,
      retainedMb: heapBefore && heapAfter ? round(heapAfter.heapUsedMb + heapAfter.externalMb - heapBefore.heapUsedMb - heapBefore.externalMb) : undefined,
    },
    serverCpuMs: round(after.cpuMs - before.cpuMs, 0),
    loadAvg1m: { before: round(loadBefore1m, 2), after: round(os.loadavg()[0]!, 2) },
    timingsMs: { open: round(tOpened - t0, 0), allWaiting: round(tAllWaiting - t0, 0), drain: round(lastResult - tDrain, 0), wall: round(lastResult - t0, 0) },
    resultLatencyAfterAnswerMs: percentiles(afterAnswer),
  };
}

// ─── figure 3: throughput against a bare SDK server ──────────────────────────────────────────────

async function startBare(): Promise<{ baseUrl: string; child: ChildProcess; stats: () => Promise<{ requests: number }>; stop: () => Promise<void> }> {
  // One process (node --import tsx), so its CPU time can be read from /proc/<pid>/stat.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "bare-server.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (d) => (output += d));
  const port = await within(
    new Promise<number>((resolve, reject) => {
      child.stdout!.on("data", (d) => {
        output += d;
        const m = /BARE_READY (\d+)/.exec(output);
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`bare server exited (${code}): ${output}`)));
    }),
    60_000,
    "bare server start",
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    child,
    stats: async () => (await fetch(`${baseUrl}/__stats`)).json() as Promise<{ requests: number }>,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

type LoadResult = {
  ok: number;
  errors: number;
  elapsedMs: number;
  rps: number;
  latencyMs: Percentiles;
  errorSample?: string;
  /** CPU the server (app process group, or the bare server process) and the load generator spent per ok request. */
  serverCpuMsPerRequest?: number;
  clientCpuMsPerRequest?: number;
  loadAvg1m?: number;
};

/** `concurrency` loops issuing `op` back to back, bounded by time and by count. */
async function load(op: () => Promise<void>, seconds: number, concurrency: number, maxRequests: number, serverCpu: () => number): Promise<LoadResult> {
  // Warm-up, not counted: long enough for the JIT to settle on this path (bounded by time and count).
  const warmEnd = now() + Math.min(2000, seconds * 500);
  let warm = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < warmEnd && warm++ < 5000) await op().catch(() => {});
    }),
  );
  let issued = 0;
  let ok = 0;
  let errors = 0;
  let errorSample: string | undefined;
  const lat: number[] = [];
  const cpu0 = { server: serverCpu(), client: selfCpuMs() };
  const start = now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < end && issued < maxRequests) {
        issued++;
        const t = now();
        try {
          await op();
          ok++;
          lat.push(now() - t);
        } catch (e) {
          errors++;
          errorSample ??= (e as Error).message;
        }
      }
    }),
  );
  const elapsedMs = now() - start;
  const perOk = (ms: number) => round(ms / Math.max(1, ok), 3);
  return {
    ok,
    errors,
    elapsedMs: round(elapsedMs, 0),
    rps: round((ok / elapsedMs) * 1000, 1),
    latencyMs: percentiles(lat),
    errorSample,
    serverCpuMsPerRequest: perOk(serverCpu() - cpu0.server),
    clientCpuMsPerRequest: perOk(selfCpuMs() - cpu0.client),
    loadAvg1m: round(os.loadavg()[0]!, 2),
  };
}

type ThroughputResult = {
  client: string;
  concurrency: number;
  secondsPerRun: number;
  rounds: number;
  ops: Record<
    string,
    {
      app: { rps: number; ok: number; errors: number; serverCpuMsPerRequest: number; runs: LoadResult[] };
      bare: { rps: number; ok: number; errors: number; serverCpuMsPerRequest: number; runs: LoadResult[] };
      /** app req/s ÷ bare req/s, both measured with the same client and concurrency. */
      ratio: number;
      /** bare server CPU per request ÷ app server CPU per request: the same comparison, less sensitive to machine noise. */
      cpuRatio: number;
    }
  >;
  bareServerRequests: number;
  bareClientRequests: number;
  appServerCpuMs: number;
  /** For context, the app's REST equivalent of get_human_answer (plain fetch, same concurrency, one run). */
  restGetCase: LoadResult;
};

async function figureThroughput(e: Env, answeredCaseId: string): Promise<ThroughputResult> {
  const bare = await startBare();
  cleanups.push(() => bare.stop());
  const appClient = await connectModern(e.app.baseUrl, e.agentKey);
  const bareClient = await connectModern(bare.baseUrl, "bench");
  const expectAnswered = (r: ToolCallResult) => {
    if (r.isError || structured(r)?.status !== "answered") throw new Error(`unexpected result ${JSON.stringify(r.content).slice(0, 200)}`);
  };
  // Both servers list the same tools (the bare one registers the app's very definitions).
  const toolCount = (await bareClient.listTools()).length;
  const appCount = (await appClient.listTools()).length;
  if (appCount !== toolCount) throw new Error(`the app lists ${appCount} tools, the bare server ${toolCount}: keep bench/bare-server.ts in step`);
  const ops: Record<string, (c: McpTestClient) => () => Promise<void>> = {
    "tools/list": (c) => async () => {
      const tools = await c.listTools();
      if (tools.length !== toolCount) throw new Error(`tools/list returned ${tools.length} tools`);
    },
    get_human_answer: (c) => async () => expectAnswered(await c.callTool("get_human_answer", { caseId: answeredCaseId, waitSeconds: 0 })),
  };
  const out: ThroughputResult["ops"] = {};
  const bareBefore = (await bare.stats()).requests;
  let bareClientRequests = 0;
  const cpuBefore = groupStats(e.app.process.pid!).cpuMs;
  for (let r = 0; r < S.rounds; r++) {
    for (const [name, make] of Object.entries(ops)) {
      const slot = (out[name] ??= {
        app: { rps: 0, ok: 0, errors: 0, serverCpuMsPerRequest: NaN, runs: [] },
        bare: { rps: 0, ok: 0, errors: 0, serverCpuMsPerRequest: NaN, runs: [] },
        ratio: NaN,
        cpuRatio: NaN,
      });
      // Alternate which target goes first, so drift in background load on the machine evens out.
      const order: Array<"app" | "bare"> = r % 2 === 0 ? ["app", "bare"] : ["bare", "app"];
      for (const target of order) {
        const serverCpu = target === "app" ? () => groupStats(e.app.process.pid!).cpuMs : () => processCpuMs(bare.child.pid!);
        const res = await load(make(target === "app" ? appClient : bareClient), S.seconds, S.throughputConcurrency, S.throughputMaxRequests, serverCpu);
        slot[target].runs.push(res);
        log(
          `  throughput: ${name} via ${target} (round ${r + 1}/${S.rounds}): ${res.rps} req/s, ${res.errors} errors, ` +
            `server ${res.serverCpuMsPerRequest} / client ${res.clientCpuMsPerRequest} CPU ms per request, load ${res.loadAvg1m}`,
        );
      }
    }
  }
  const appServerCpuMs = groupStats(e.app.process.pid!).cpuMs - cpuBefore;
  const restGetCase = await load(
    async () => {
      const r = await fetch(`${e.app.baseUrl}/api/cases/${answeredCaseId}`, { headers: { authorization: `Bearer ${e.agentKey}` } });
      const body = (await r.json()) as { status?: string };
      if (r.status !== 200 || body.status !== "answered") throw new Error(`GET /api/cases/{id}: ${r.status}`);
    },
    S.seconds,
    S.throughputConcurrency,
    S.throughputMaxRequests,
    () => groupStats(e.app.process.pid!).cpuMs,
  );
  log(`  context: REST GET /api/cases/{id} via fetch: ${restGetCase.rps} req/s, server ${restGetCase.serverCpuMsPerRequest} CPU ms per request`);
  for (const slot of Object.values(out)) {
    for (const t of [slot.app, slot.bare]) {
      t.ok = t.runs.reduce((a, x) => a + x.ok, 0);
      t.errors = t.runs.reduce((a, x) => a + x.errors, 0);
      t.rps = round((t.ok / t.runs.reduce((a, x) => a + x.elapsedMs, 0)) * 1000, 1);
      t.serverCpuMsPerRequest = round(t.runs.reduce((a, x) => a + (x.serverCpuMsPerRequest ?? 0) * x.ok, 0) / Math.max(1, t.ok), 3);
    }
    slot.cpuRatio = round(slot.bare.serverCpuMsPerRequest / slot.app.serverCpuMsPerRequest, 2);
    for (const x of slot.bare.runs) bareClientRequests += x.ok + x.errors;
    slot.ratio = round(slot.app.rps / slot.bare.rps, 2);
  }
  const bareServerRequests = (await bare.stats()).requests - bareBefore;
  await Promise.allSettled([appClient.close(), bareClient.close()]);
  return {
    client: "@modelcontextprotocol/client 2.x (connectModern, protocol 2026-07-28)",
    concurrency: S.throughputConcurrency,
    secondsPerRun: S.seconds,
    rounds: S.rounds,
    ops: out,
    bareServerRequests,
    bareClientRequests, // measured requests only; the server count also includes warm-up requests
    appServerCpuMs: round(appServerCpuMs, 0),
    restGetCase,
  };
}

// ─── report ──────────────────────────────────────────────────────────────────────────────────────

function gitInfo() {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim() ?? "";
  return { commit: git("rev-parse", "HEAD"), dirtyFiles: git("status", "--porcelain").split("\n").filter(Boolean).length };
}

function pkgVersion(name: string) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version as string;
  } catch {
    return "?";
  }
}

function table(rows: Array<[string, string, string, string]>) {
  const head: [string, string, string, string] = ["figure", "value", "goal", "result"];
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
  return [line(head), `|${w.map((n) => "-".repeat(n + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

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
  const build = { builtByBench: built, buildId: fs.readFileSync(buildIdPath, "utf8").trim(), builtAt: fs.statSync(buildIdPath).mtime.toISOString() };

  const e = await setup();
  log(`app on ${e.app.baseUrl} (pid ${e.app.process.pid}); db=${e.health.database?.driver} kv=${e.health.kv?.driver} bus=${e.health.eventBus?.driver}`);
  const rest = api(e.app.baseUrl);
  const hb = heartbeat(rest, e.answerKey);
  cleanups.push(() => hb.stop());
  await hb.first;
  const rssAtStart = groupStats(e.app.process.pid!);

  log(`figure 1: answer delivery latency over ${S.escalations} escalations (+ the same number polled)…`);
  const agent = await connectModern(e.app.baseUrl, e.agentKey);
  // Warm the routes once so first-request compilation/caching is not in the figures.
  await rest.call("GET", "/api/cases?status=open", { key: e.answerKey });
  await agent.listTools();
  const latency = await figureLatency(e, agent);
  await agent.close();
  log(`  event p50/p95/p99 ${latency.event.latencyMs.p50}/${latency.event.latencyMs.p95}/${latency.event.latencyMs.p99} ms; polling ${latency.polling.latencyMs.p50}/${latency.polling.latencyMs.p95}/${latency.polling.latencyMs.p99} ms`);

  log(`figure 2: ${S.concurrent} ask_human calls waiting at once…`);
  const concurrency = await figureConcurrency(e);
  log(`  ${concurrency.answeredCorrectly}/${concurrency.requested} correct, ${concurrency.errors} errors, RSS ${concurrency.rssMb.before} → peak ${concurrency.rssMb.peak} MB, wall ${concurrency.timingsMs.wall} ms`);
  if (concurrency.heapAfterGc.before && concurrency.heapAfterGc.after) {
    const h = concurrency.heapAfterGc;
    log(`  heap after GC: ${h.before!.heapUsedMb} → ${h.after!.heapUsedMb} MB used (+ external ${h.before!.externalMb} → ${h.after!.externalMb} MB); RSS after GC ${h.after!.rssMb} MB`);
  }
  const extraWaves: Array<Pick<ConcurrencyResult, "answeredCorrectly" | "errors" | "rssMb" | "heapAfterGc" | "timingsMs">> = [];
  for (let w = 2; w <= S.waves; w++) {
    const x = await figureConcurrency(e);
    extraWaves.push({ answeredCorrectly: x.answeredCorrectly, errors: x.errors, rssMb: x.rssMb, heapAfterGc: x.heapAfterGc, timingsMs: x.timingsMs });
    log(
      `  wave ${w}: ${x.answeredCorrectly}/${x.requested} correct, ${x.errors} errors, RSS ${x.rssMb.before} → peak ${x.rssMb.peak} → after ${x.rssMb.after} MB, ` +
        `heap after GC ${x.heapAfterGc.before?.heapUsedMb ?? "?"} → ${x.heapAfterGc.after?.heapUsedMb ?? "?"} MB, wall ${x.timingsMs.wall} ms`,
    );
  }

  log(`figure 3: throughput, ${S.throughputConcurrency} concurrent, ${S.seconds} s per run, ${S.rounds} round(s)…`);
  let caseId = latency.answeredCaseId;
  if (!caseId) {
    // figure 1 produced no answered case: make one
    const c = await rest.call("POST", "/api/cases", { key: e.agentKey, body: { question: `bench throughput ${randomUUID()}` } });
    caseId = c.json.id as string;
    await rest.answer(e.answerKey, caseId, "Yes.");
  }
  // Let figure 2's garbage go before measuring throughput (a forced GC when the heap probe is on, then a pause).
  await heapProbe(e);
  await sleep(2000);
  const throughput = await figureThroughput(e, caseId);

  const rssAtEnd = groupStats(e.app.process.pid!);
  const heartbeatFailures = hb.failures();
  const appLogTail = e.app.logs().split("\n").filter(Boolean).slice(-20);
  await cleanup();
  clearTimeout(watchdog);

  const L = latency.event.latencyMs;
  const P = latency.polling.latencyMs;
  const C = concurrency;
  const T = throughput.ops;
  const pass = (b: boolean) => (b ? "PASS" : "FAIL");
  const latencyOk = latency.event.errors === 0 && L.n > 0 && L.p95 <= GOALS.latencyP95Ms;
  const rows: Array<[string, string, string, string]> = [
    ["1. answer delivery, event-driven p50/p95/p99", `${L.p50} / ${L.p95} / ${L.p99} ms (n=${L.n}, errors ${latency.event.errors})`, `p95 ≤ ${GOALS.latencyP95Ms} ms`, pass(latencyOk)],
    ["1. answer delivery, polling baseline p50/p95/p99", `${P.p50} / ${P.p95} / ${P.p99} ms (n=${P.n}, errors ${latency.polling.errors})`, "baseline", "info"],
    ["1. polling ÷ event-driven (p50, p95)", `${latency.ratioP50}× , ${latency.ratioP95}×`, "—", "info"],
    [
      "1. noise floor: GET /api/health p50/p95 meanwhile",
      `${latency.noiseFloorHealthRttMs.p50} / ${latency.noiseFloorHealthRttMs.p95} ms (load ${latency.loadAvg1m.before}→${latency.loadAvg1m.after})`,
      "—",
      "info",
    ],
    [`2. ${C.requested} waiting ask_human: answered correctly`, `${C.answeredCorrectly}/${C.requested}`, `${C.requested}/${C.requested}`, pass(C.answeredCorrectly === C.requested)],
    ["2. errors", `${C.errors}${C.errors ? ` ${JSON.stringify(C.errorKinds)}` : ""}`, "0", pass(C.errors === 0)],
    ["2. server RSS before / peak / after", `${C.rssMb.before} / ${C.rssMb.peak} / ${C.rssMb.after} MB`, "—", "info"],
    ["2. server RSS growth (peak − before)", `${C.rssMb.growth} MB`, `< ${GOALS.rssGrowthMb} MB`, pass(C.rssMb.growth < GOALS.rssGrowthMb)],
    ...(C.heapAfterGc.before && C.heapAfterGc.after
      ? [
          [
            "2. heap after forced GC: before / all waiting / after",
            `${C.heapAfterGc.before.heapUsedMb} / ${C.heapAfterGc.whileWaiting?.heapUsedMb ?? "?"} / ${C.heapAfterGc.after.heapUsedMb} MB ` +
              `(${C.heapAfterGc.liveKbPerWaitingCall ?? "?"} KB live per waiting call; retained after ${C.heapAfterGc.retainedMb} MB)`,
            "—",
            "info",
          ] as [string, string, string, string],
        ]
      : []),
    ["2. wall time (first call → last result)", `${round(C.timingsMs.wall / 1000, 1)} s (all waiting at ${round(C.timingsMs.allWaiting / 1000, 1)} s, drain ${round(C.timingsMs.drain / 1000, 1)} s)`, `< ${S.askTimeoutSeconds} s`, pass(C.timingsMs.wall < S.askTimeoutSeconds * 1000)],
    ...Object.entries(T).map(([name, t]): [string, string, string, string] => [
      `3. ${name} req/s app vs bare SDK`,
      `${t.app.rps} vs ${t.bare.rps} = ${t.ratio}× (errors ${t.app.errors}/${t.bare.errors})`,
      `≥ ${GOALS.throughputRatio}×`,
      pass(t.app.errors === 0 && t.ratio >= GOALS.throughputRatio),
    ]),
    ...Object.entries(T).map(([name, t]): [string, string, string, string] => [
      `3. ${name} server CPU/request app vs bare`,
      `${t.app.serverCpuMsPerRequest} vs ${t.bare.serverCpuMsPerRequest} ms = ${t.cpuRatio}×`,
      "—",
      "info",
    ]),
    [
      "3. context: REST GET /api/cases/{id} (fetch)",
      `${throughput.restGetCase.rps} req/s, ${throughput.restGetCase.serverCpuMsPerRequest} ms server CPU/request`,
      "—",
      "info",
    ],
  ];
  rows.push(...(await benchConsole({ quick: QUICK, log })));
  rows.push(...(await benchCalls({ quick: QUICK, log })).rows);
  rows.push(...(await benchCallsSync({ quick: QUICK, log })).rows);
  rows.push(...(await benchSheetsLog({ quick: QUICK, log })).rows);
  const allPass = rows.every((r) => r[3] !== "FAIL");

  const report = {
    timestamp: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      totalMemMb: Math.round(os.totalmem() / 2 ** 20),
      loadAvgBefore: loadBefore.map((x) => round(x, 2)),
      loadAvgAfter: os.loadavg().map((x) => round(x, 2)),
      drivers: { db: e.health.database?.driver, kv: e.health.kv?.driver, bus: e.health.eventBus?.driver },
      databaseUrlSet: !!process.env.DATABASE_URL,
      redisUrlSet: !!process.env.REDIS_URL,
      versions: {
        next: pkgVersion("next"),
        "mcp-handler": pkgVersion("mcp-handler"),
        "@modelcontextprotocol/server": pkgVersion("@modelcontextprotocol/server"),
        "@modelcontextprotocol/client": pkgVersion("@modelcontextprotocol/client"),
        "@modelcontextprotocol/sdk": pkgVersion("@modelcontextprotocol/sdk"),
      },
      git: gitInfo(),
      build,
      appEnv: { ...e.env, DATABASE_URL: e.env.DATABASE_URL ? "(fresh database)" : undefined },
      serverRssMb: { atStart: round(rssAtStart.rssMb), atEnd: round(rssAtEnd.rssMb) },
      serverCpuMsTotal: round(rssAtEnd.cpuMs, 0),
      heartbeatFailures,
    },
    settings: S,
    goals: GOALS,
    figures: { latency, concurrency: { ...concurrency, extraWaves }, throughput },
    summary: rows.map(([figure, value, goal, result]) => ({ figure, value, goal, result })),
    allPass,
    appLogTail,
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  const json = JSON.stringify(report, null, 2);
  fs.writeFileSync(path.join(resultsDir, "latest.json"), json);
  const stamped = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, "-")}-${report.environment.drivers.db}${QUICK ? "-quick" : ""}.json`);
  fs.writeFileSync(stamped, json);

  process.stdout.write(
    `\nSwitchboard bench — ${report.timestamp} — node ${process.version}, ${report.environment.cpus} CPUs, load ${loadBefore.map((x) => x.toFixed(1)).join(" ")}` +
      ` — db=${report.environment.drivers.db} kv=${report.environment.drivers.kv} bus=${report.environment.drivers.bus}${QUICK ? " — QUICK" : ""}\n\n`,
  );
  process.stdout.write(`${table(rows)}\n\nwrote ${path.relative(root, path.join(resultsDir, "latest.json"))} and ${path.relative(root, stamped)}\n`);
  if (latency.event.errorSamples.length || latency.polling.errorSamples.length || C.errorSamples.length) {
    process.stdout.write(`error samples: ${JSON.stringify({ event: latency.event.errorSamples, polling: latency.polling.errorSamples, concurrent: C.errorSamples }, null, 2)}\n`);
  }
  process.exitCode = process.env.BENCH_STRICT === "1" && !allPass ? 1 : 0;
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch(async (e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    await cleanup();
    process.exit(1);
  });
