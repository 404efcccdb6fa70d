/** The bench's settings, read once from the environment (see the header of bench/run.ts for each variable). */

export const QUICK = process.env.BENCH_QUICK === "1";
export function num(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name}: expected a number ≥ ${min}, got "${raw}"`);
  return n;
}
export function range(name: string, fallback: [number, number]): [number, number] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const m = /^(\d+)-(\d+)$/.exec(raw.trim());
  if (!m || Number(m[1]) > Number(m[2])) throw new Error(`${name}: expected "min-max" in ms, got "${raw}"`);
  return [Number(m[1]), Number(m[2])];
}

export const S = {
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
  /** Figure 8: calls at once (answered or told busy), then answers posted at once to that many waiting calls. */
  burstCalls: Math.floor(num("BENCH_BURST_CALLS", QUICK ? 300 : 5000)),
  burstAnswers: Math.floor(num("BENCH_BURST_ANSWERS", QUICK ? 50 : 300)),
  operatorPollMs: num("BENCH_OPERATOR_POLL_MS", 25),
  maxMinutes: num("BENCH_MAX_MINUTES", 60),
  rateLimitPerMinute: 1_000_000,
  askTimeoutSeconds: 55,
};

/** Which figures to run: BENCH_FIGURES="1,3" runs figures 1 and 3 only (default: all twelve). */
export const FIGURES = new Set((process.env.BENCH_FIGURES ?? "1,2,3,4,5,6,7,8,9,10,11,12").split(",").map((x) => Number(x.trim())));

export const GOALS = { latencyP95Ms: 50, rssGrowthMb: 300, throughputRatio: 0.6 };
