/**
 * Figure 2 — BENCH_CONCURRENT ask_human calls waiting at once on one instance, each answered through the REST
 * API with its own answer: correctness, errors, server RSS and heap, wall time.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { api, structured } from "../../e2e/support/api";
import { connectLegacy, connectModern, type McpTestClient, type ToolCallResult } from "../../e2e/support/mcp-clients";
import type { Env } from "../support/app";
import { groupStats, type HeapFigures, heapProbe, RssSampler } from "../support/process-stats";
import type { Row } from "../support/report";
import { GOALS, S } from "../support/settings";
import { log, now, type Percentiles, percentiles, pool, round, sleep, within } from "../support/stats";

export type ConcurrencyResult = {
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
  heapAfterGc: {
    before?: HeapFigures;
    whileWaiting?: HeapFigures;
    after?: HeapFigures;
    liveKbPerWaitingCall?: number;
    retainedMb?: number;
  };
  serverCpuMs: number;
  loadAvg1m: { before: number; after: number };
  timingsMs: { open: number; allWaiting: number; drain: number; wall: number };
  resultLatencyAfterAnswerMs: Percentiles;
};

export async function figureConcurrency(e: Env): Promise<ConcurrencyResult> {
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

  type Call = {
    i: number;
    question: string;
    answer: string;
    caseId?: string;
    answeredAt?: number;
    progressed: boolean;
    settled?: { ok: boolean; r?: ToolCallResult; err?: Error; t: number };
  };
  const calls: Call[] = Array.from({ length: N }, (_, i) => ({
    i,
    question: `${prefix}${i}`,
    answer: `answer for #${i}: ${randomBytes(6).toString("hex")}`,
    progressed: false,
  }));
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
    clients[c.i % clients.length]!.callTool(
      "ask_human",
      { question: c.question, timeoutSeconds: S.askTimeoutSeconds },
      {
        timeoutMs: 70_000,
        onprogress: () => {
          if (!c.progressed) {
            c.progressed = true;
            progressed++;
          }
        },
      },
    )
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
  log(
    `  concurrent: ${confirmedWaiting}/${N} ask_human calls confirmed waiting after ${round((tAllWaiting - t0) / 1000, 1)} s (settled early: ${settledCount})`,
  );
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
    const page = ((list.json?.cases ?? []) as Array<{ id: string; question: string; status: string }>).filter(
      (c) => byQuestion.has(c.question) && !answeredIds.has(c.id),
    );
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
  await within(Promise.all(pending), Math.max(1000, t0 + 75_000 - now()), "ask_human results").catch((error) =>
    err("timeout", (error as Error).message),
  );
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
      else if (sc.answer !== c.answer || sc.caseId !== c.caseId)
        err("wrong-answer", `${c.question}: got ${sc.answer} for ${sc.caseId}, expected ${c.answer} for ${c.caseId}`);
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
          ? round(
              ((heapWhileWaiting.heapUsedMb + heapWhileWaiting.externalMb - heapBefore.heapUsedMb - heapBefore.externalMb) * 1024) /
                Math.max(1, confirmedWaiting),
            )
          : undefined,
      retainedMb:
        heapBefore && heapAfter
          ? round(heapAfter.heapUsedMb + heapAfter.externalMb - heapBefore.heapUsedMb - heapBefore.externalMb)
          : undefined,
    },
    serverCpuMs: round(after.cpuMs - before.cpuMs, 0),
    loadAvg1m: { before: round(loadBefore1m, 2), after: round(os.loadavg()[0]!, 2) },
    timingsMs: {
      open: round(tOpened - t0, 0),
      allWaiting: round(tAllWaiting - t0, 0),
      drain: round(lastResult - tDrain, 0),
      wall: round(lastResult - t0, 0),
    },
    resultLatencyAfterAnswerMs: percentiles(afterAnswer),
  };
}

/** The summary lines of figure 2. */
export function concurrencyRows(C: ConcurrencyResult): Row[] {
  const pass = (b: boolean) => (b ? "PASS" : "FAIL");
  const heap = C.heapAfterGc;
  return [
    [
      `2. ${C.requested} waiting ask_human: answered correctly`,
      `${C.answeredCorrectly}/${C.requested}`,
      `${C.requested}/${C.requested}`,
      pass(C.answeredCorrectly === C.requested),
    ],
    ["2. errors", `${C.errors}${C.errors ? ` ${JSON.stringify(C.errorKinds)}` : ""}`, "0", pass(C.errors === 0)],
    ["2. server RSS before / peak / after", `${C.rssMb.before} / ${C.rssMb.peak} / ${C.rssMb.after} MB`, "—", "info"],
    ["2. server RSS growth (peak − before)", `${C.rssMb.growth} MB`, `< ${GOALS.rssGrowthMb} MB`, pass(C.rssMb.growth < GOALS.rssGrowthMb)],
    ...(heap.before && heap.after
      ? [
          [
            "2. heap after forced GC: before / all waiting / after",
            `${heap.before.heapUsedMb} / ${heap.whileWaiting?.heapUsedMb ?? "?"} / ${heap.after.heapUsedMb} MB ` +
              `(${heap.liveKbPerWaitingCall ?? "?"} KB live per waiting call; retained after ${heap.retainedMb} MB)`,
            "—",
            "info",
          ] as Row,
        ]
      : []),
    [
      "2. wall time (first call → last result)",
      `${round(C.timingsMs.wall / 1000, 1)} s (all waiting at ${round(C.timingsMs.allWaiting / 1000, 1)} s, drain ${round(C.timingsMs.drain / 1000, 1)} s)`,
      `< ${S.askTimeoutSeconds} s`,
      pass(C.timingsMs.wall < S.askTimeoutSeconds * 1000),
    ],
  ];
}
