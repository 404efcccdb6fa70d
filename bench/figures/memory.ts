/**
 * Figure: answer memory. Quality of the lexical matcher on the evaluation set (bench/memory-eval: 300+
 * question pairs for restaurants, clinics, golf courses and shops — paraphrases that must match,
 * near-misses that must not), each business in its own account as in production: precision and recall of
 * automatic answers at the default threshold (MEMORY_AUTO_THRESHOLD) and top-3 recall of operator
 * suggestions. The same quality for the embeddings matcher, measured against the local stand-in
 * (tests/support/embeddings-standin.ts), whose TOY vectors are hashed bags of words: it shows the matcher's
 * plumbing and its scoring on the set, not what a real embedding model would reach. Speed: search_answers and ask_human (memory hit) with 100,000 saved answers in one account,
 * on PGlite and — with DATABASE_URL — on PostgreSQL, beside a `select 1` round trip on the same database.
 * Run alone: `npx tsx bench/figures/memory.ts` (BENCH_MEMORY_ENTRIES overrides 100,000).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "@/lib/adapters/db/client";
import { migrate } from "@/lib/adapters/db/migrate";
import { memoryAnswers } from "@/lib/adapters/db/schema";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { lexicalMatcher } from "@/lib/domains/memory/lexical-matcher";
import type { AnswerMatcher } from "@/lib/domains/memory/port";
import { searchAnswers } from "@/lib/domains/memory/search";
import { parseConfig } from "@/lib/platform/config/env";
import { depsFrom } from "@/lib/composition/deps";
import { EVAL_ACCOUNTS, EVAL_SET } from "../memory-eval";
import { evaluate, type EvalResult } from "../memory-eval/evaluate";
import { startEmbeddingsStandin } from "../../tests/support/embeddings-standin";
import { createTestDatabase } from "../../tests/support/test-deps";
import type { Row } from "../support/report";
import { log as benchLog, percentiles, type Percentiles } from "../support/stats";

export const MEMORY_GOALS = {
  wrongRate: 0.01,
  autoRecall: 0.6,
  suggestTop3: 0.85,
  searchP95Ms: { postgres: 30, pglite: 60 },
  askP95Ms: 50,
};

const config = parseConfig({ LOG_LEVEL: "warn" });
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** Filler for the big account: questions built from real caller wording with made-up products and places. */
function syntheticQuestions(n: number): string[] {
  const rnd = (k: number) => Math.floor(Math.random() * k);
  const syl = ["ka", "lo", "mi", "ren", "tos", "vel", "dra", "pin", "sul", "tor", "bex", "qua", "nor", "fil", "gam"];
  const word = () => Array.from({ length: 2 + rnd(2) }, () => syl[rnd(syl.length)]).join("");
  const saved = EVAL_SET.map((e) => e.q);
  const frames = [
    (w: string) => `Do you have ${w} in stock?`,
    (w: string) => `Is the ${w} branch open on ${["Monday", "Tuesday", "Friday", "Sunday"][rnd(4)]}?`,
    (w: string) => `How much is the ${w} for ${1 + rnd(8)} people?`,
    (w: string) => `Can I book a ${w} appointment tomorrow?`,
    (w: string) => `Do you sell ${w} gift boxes?`,
  ];
  return Array.from({ length: n }, (_, i) =>
    i % 3 === 0 ? `${saved[rnd(saved.length)]!.replace(/\?$/, "")} ${word()}?` : frames[rnd(frames.length)]!(word()),
  );
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<Percentiles> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return percentiles(ms);
}

async function measure(database: Database, entries: number, log: (m: string) => void) {
  const deps = depsFrom({ db: database.db, kv: createMemoryKv(), bus: createMemoryBus(), config });
  // Quality: one account per business, every entry approved.
  const ids: Record<string, Record<string, string>> = {};
  for (const [vertical, set] of Object.entries(EVAL_ACCOUNTS)) {
    const { account } = await createAccount(database.db, { name: `bench memory ${vertical}` });
    const rows = await database.db
      .insert(memoryAnswers)
      .values(set.map((e) => ({ accountId: account.id, question: e.q, answer: e.a, approvedForAuto: true })))
      .returning();
    ids[vertical] = { accountId: account.id, ...Object.fromEntries(rows.map((r, i) => [r.id, set[i]!.id])) };
  }
  const qualityOf = (matcher: AnswerMatcher): Promise<EvalResult> =>
    evaluate(
      EVAL_ACCOUNTS,
      async (vertical, q) => {
        const m = await matcher.findMatches(database.db, {
          accountId: ids[vertical]!.accountId!,
          question: q,
          approvedOnly: true,
          limit: 3,
          minScore: config.MEMORY_SUGGEST_MIN_SCORE,
        });
        return m.map((x) => ({ id: ids[vertical]![x.entry.id]!, score: x.score }));
      },
      config.MEMORY_AUTO_THRESHOLD,
    );
  const quality = await qualityOf(lexicalMatcher);
  // Quality does not depend on the database: the embeddings rows are measured once, on PGlite (always run).
  const embeddings = database.driver === "pglite" ? await embeddingsQuality(database, qualityOf) : null;

  // Speed: one account with `entries` saved answers (the evaluation set among them).
  const { account } = await createAccount(database.db, { name: "bench memory big" });
  const filler = syntheticQuestions(entries - EVAL_SET.length);
  log(`  ${database.driver}: inserting ${entries} saved answers in one account…`);
  for (let i = 0; i < filler.length; i += 2000)
    await database.db
      .insert(memoryAnswers)
      .values(filler.slice(i, i + 2000).map((q) => ({ accountId: account.id, question: q, answer: "Filler.", approvedForAuto: true })));
  await database.db
    .insert(memoryAnswers)
    .values(EVAL_SET.map((e) => ({ accountId: account.id, question: e.q, answer: e.a, approvedForAuto: true })));
  await database.db.execute(sql`analyze memory_answers`);
  const { key } = await createApiKey(database.db, { accountId: account.id, name: "bench agent", scopes: ["hitl:ask"] });
  const agent = (await verifyApiKey(deps, key))!;
  const queries = EVAL_SET.flatMap((e) => [...e.same, ...e.not]);
  for (const q of queries.slice(0, 20)) await searchAnswers(deps, agent, { question: q }); // warm caches and plans
  const baseline = await timed(queries.length, () => database.db.execute(sql`select 1`));
  const search = await timed(queries.length, (i) => searchAnswers(deps, agent, { question: queries[i]! }));
  // ask_human with a memory hit: the saved questions themselves (each answered at once, no person online).
  const ask = await timed(EVAL_SET.length, (i) => askHuman(deps, agent, { question: EVAL_SET[i]!.q, idempotencyKey: randomUUID() }));
  return { quality, embeddings, baseline, search, ask };
}

/** The embeddings matcher's quality against the stand-in (its toy vectors); the first search of each entry embeds it. */
async function embeddingsQuality(database: Database, qualityOf: (m: AnswerMatcher) => Promise<EvalResult>): Promise<EvalResult> {
  const standin = await startEmbeddingsStandin();
  try {
    const env = {
      LOG_LEVEL: "warn",
      OUTBOUND_ALLOW_LOOPBACK: "true",
      MEMORY_EMBEDDINGS_URL: standin.url,
      MEMORY_EMBEDDINGS_API_KEY: standin.apiKey!,
    };
    const deps = depsFrom({ db: database.db, kv: createMemoryKv(), bus: createMemoryBus(), config: parseConfig(env) });
    if (deps.answerMatcher.name !== "embeddings") throw new Error("the embeddings matcher was not built");
    return await qualityOf(deps.answerMatcher);
  } finally {
    await standin.close();
  }
}

export async function benchMemory(opts: {
  quick: boolean;
  log: (msg: string) => void;
}): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const entries = Number(process.env.BENCH_MEMORY_ENTRIES ?? (opts.quick ? 20_000 : 100_000));
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {};
  const targets: Array<() => Promise<{ database: Database; drop: () => Promise<void> }>> = [
    async () => {
      const database = await openDatabase({});
      await migrate(database);
      return { database, drop: () => database.close() };
    },
  ];
  if (process.env.DATABASE_URL) targets.push(() => createTestDatabase());
  for (const open of targets) {
    const { database, drop } = await open();
    try {
      const m = await measure(database, entries, opts.log);
      const d = database.driver;
      figures[d] = m;
      const q = m.quality;
      if (d === "pglite") {
        rows.push(
          [
            `memory: wrong automatic answers (${q.pairs} pairs, threshold ${q.threshold})`,
            `${q.auto.wrong} of ${q.auto.answered} (${pct(q.auto.wrongRate)})`,
            `≤ ${pct(MEMORY_GOALS.wrongRate)}`,
            q.auto.wrongRate <= MEMORY_GOALS.wrongRate ? "PASS" : "FAIL",
          ],
          [
            "memory: automatic recall of true paraphrases",
            `${q.auto.correct} of ${q.paraphrases} (${pct(q.auto.recall)}); precision ${pct(q.auto.precision)}`,
            `≥ ${pct(MEMORY_GOALS.autoRecall)}`,
            q.auto.recall >= MEMORY_GOALS.autoRecall ? "PASS" : "FAIL",
          ],
          [
            "memory: suggestion top-3 recall",
            pct(q.suggestTop3Recall),
            `≥ ${pct(MEMORY_GOALS.suggestTop3)}`,
            q.suggestTop3Recall >= MEMORY_GOALS.suggestTop3 ? "PASS" : "FAIL",
          ],
        );
        const e = m.embeddings!;
        const note = "(stand-in, toy vectors; no goal)";
        rows.push(
          [
            `memory, embeddings matcher ${note}: wrong automatic answers`,
            `${e.auto.wrong} of ${e.auto.answered} (${pct(e.auto.wrongRate)})`,
            "—",
            "info",
          ],
          [
            `memory, embeddings matcher ${note}: automatic recall`,
            `${e.auto.correct} of ${e.paraphrases} (${pct(e.auto.recall)}); precision ${pct(e.auto.precision)}`,
            "—",
            "info",
          ],
          [`memory, embeddings matcher ${note}: suggestion top-3 recall`, pct(e.suggestTop3Recall), "—", "info"],
        );
      }
      const goal = MEMORY_GOALS.searchP95Ms[d];
      rows.push(
        [
          `memory: search_answers p95, ${entries.toLocaleString("en")} answers (${d})`,
          `${m.search.p95} ms (p50 ${m.search.p50}; select 1 p95 ${m.baseline.p95})`,
          `≤ ${goal} ms`,
          m.search.p95 <= goal ? "PASS" : "FAIL",
        ],
        [
          `memory: ask_human answered from memory p95 (${d})`,
          `${m.ask.p95} ms (p50 ${m.ask.p50})`,
          `≤ ${MEMORY_GOALS.askP95Ms} ms`,
          m.ask.p95 <= MEMORY_GOALS.askP95Ms ? "PASS" : "FAIL",
        ],
      );
      opts.log(
        `  ${d}: search p95 ${m.search.p95} ms, ask p95 ${m.ask.p95} ms; wrong ${q.auto.wrong}/${q.auto.answered}, recall ${q.auto.recall}, top3 ${q.suggestTop3Recall}`,
      );
    } finally {
      await drop();
    }
  }
  return { rows, figures };
}

// `npx tsx bench/figures/memory.ts`: this figure alone, its rows printed.
if (process.argv[1]?.endsWith("memory.ts")) {
  benchMemory({ quick: process.env.BENCH_QUICK === "1", log: benchLog }).then(
    ({ rows, figures }) => {
      for (const r of rows) process.stdout.write(`${r.join(" | ")}\n`);
      const q = (figures.pglite as { quality: EvalResult } | undefined)?.quality;
      if (q) process.stdout.write(`wrong: ${JSON.stringify(q.wrongSamples)}\n`);
      const e = (figures.pglite as { embeddings: EvalResult } | undefined)?.embeddings;
      if (e && process.env.BENCH_MEMORY_SAMPLES === "1")
        process.stdout.write(
          `embeddings wrong: ${JSON.stringify(e.wrongSamples)}\nembeddings missed: ${JSON.stringify(e.missedSamples.slice(0, 40))}\n`,
        );
      process.exit(0);
    },
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
