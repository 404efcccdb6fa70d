/**
 * Figure 8 — bursts on one instance.
 *   a. BENCH_BURST_CALLS (5,000) ask_human calls at once: each is answered with its own answer or told "busy"
 *      (FALLBACK_BUSY) — never a wrong answer, never "unreachable" (the database is up). Answered as they appear.
 *   b. BENCH_BURST_ANSWERS (300) calls waiting, then all their answers posted at once: delivery = the call's result
 *      at the MCP client − its answer's POST response (the answer has committed), 0 when the result came first.
 */
import { randomBytes } from "node:crypto";
import { api, structured } from "../../e2e/support/api";
import { connectLegacy, connectModern, type McpTestClient, type ToolCallResult } from "../../e2e/support/mcp-clients";
import type { Env } from "../support/app";
import type { Row } from "../support/report";
import { S } from "../support/settings";
import { log, now, type Percentiles, percentiles, pool, round, sleep } from "../support/stats";

export type BurstResult = {
  calls: {
    requested: number;
    answeredCorrectly: number;
    busy: number;
    unreachable: number;
    wrong: number;
    other: Record<string, number>;
    /** Client-side failures ("rejected") by message. */
    rejectedReasons: Record<string, number>;
    wallMs: number;
  };
  delivery: {
    answers: number;
    delivered: number;
    afterCommitMs: Percentiles;
    afterPostSentMs: Percentiles;
    postRttMs: Percentiles;
    errors: number;
  };
};

type Outcome = { r?: ToolCallResult; err?: Error; t: number };

async function clientsFor(e: Env): Promise<McpTestClient[]> {
  const clients: McpTestClient[] = [];
  for (let k = 0; k < S.clients; k++) clients.push(await (k % 2 === 0 ? connectModern : connectLegacy)(e.app.baseUrl, e.agentKey));
  return clients;
}

const ask = (c: McpTestClient, question: string) =>
  c.callTool("ask_human", { question, timeoutSeconds: S.askTimeoutSeconds }, { timeoutMs: 70_000 }).then(
    (r): Outcome => ({ r, t: now() }),
    (err): Outcome => ({ err: err as Error, t: now() }),
  );

/** The open cases whose question starts with `prefix`, oldest first (an answering queue). */
async function openCases(rest: ReturnType<typeof api>, key: string, prefix: string) {
  // A request the loaded server drops is asked again on the next turn, not a broken figure.
  const list = await rest.call("GET", "/api/cases?status=open,claimed&limit=200&order=oldest", { key }).catch(() => null);
  return ((list?.json?.cases ?? []) as Array<{ id: string; question: string }>).filter((c) => c.question.startsWith(prefix));
}

async function figureBurstCalls(e: Env, clients: McpTestClient[]): Promise<BurstResult["calls"]> {
  const rest = api(e.app.baseUrl);
  const N = S.burstCalls;
  const prefix = `bench burst ${randomBytes(3).toString("hex")} #`;
  const answers = new Map<string, string>();
  let settled = 0;
  const t0 = now();
  const pending = Array.from({ length: N }, (_, i) => ask(clients[i % clients.length]!, `${prefix}${i}`).finally(() => settled++));
  // Answer each case as it appears, 20 at a time, until every call has its result.
  const answered = new Set<string>();
  while (settled < N && now() - t0 < 120_000) {
    const page = (await openCases(rest, e.answerKey, prefix)).filter((c) => !answered.has(c.id));
    if (!page.length) {
      await sleep(50);
      continue;
    }
    await pool(page, S.answerConcurrency, async (c) => {
      answered.add(c.id);
      const answer = `answer to ${c.question}: ${randomBytes(4).toString("hex")}`;
      answers.set(c.question, answer);
      await rest.answer(e.answerKey, c.id, answer).catch(() => {});
    });
  }
  const results = await Promise.all(pending);
  const out = {
    requested: N,
    answeredCorrectly: 0,
    busy: 0,
    unreachable: 0,
    wrong: 0,
    other: {} as Record<string, number>,
    rejectedReasons: {} as Record<string, number>,
    wallMs: 0,
  };
  // Why calls failed at the client (a time-out, a refused connection): "rejected" alone does not say.
  for (const o of results) {
    // undici says only "fetch failed"; the cause's code tells a connect time-out from a reset.
    const cause = (o.err as (Error & { cause?: { code?: string; message?: string } }) | undefined)?.cause;
    const reason =
      o.err && `${String(o.err.message).slice(0, 120)}${cause ? ` (${cause.code ?? String(cause.message).slice(0, 60)})` : ""}`;
    if (reason) out.rejectedReasons[reason] = (out.rejectedReasons[reason] ?? 0) + 1;
  }
  if (Object.keys(out.rejectedReasons).length) log(`  rejected at the client: ${JSON.stringify(out.rejectedReasons)}`);
  const otherAt: Record<string, number[]> = {};
  results.forEach((o, i) => {
    const sc = o.r && !o.r.isError ? structured(o.r) : undefined;
    const kind = o.err ? "rejected" : o.r?.isError ? "tool-error" : (sc?.status ?? "no-status");
    if (kind === "answered" && sc?.answer === answers.get(`${prefix}${i}`)) out.answeredCorrectly++;
    else if (kind === "answered") out.wrong++;
    else if (kind === "busy") out.busy++;
    else if (kind === "unavailable" && !sc?.caseId) out.unreachable++;
    else {
      out.other[kind] = (out.other[kind] ?? 0) + 1;
      // When they came says why (e.g. "unavailable" all at once: the operator's presence lapsed).
      (otherAt[kind] ??= []).push(round((o.t - t0) / 1000, 1));
    }
  });
  for (const [kind, at] of Object.entries(otherAt))
    log(`  ${at.length} × ${kind}, at ${at.slice(0, 20).join(", ")}${at.length > 20 ? " …" : ""} s`);
  out.wallMs = round(Math.max(...results.map((o) => o.t)) - t0, 0);
  return out;
}

async function figureBurstDelivery(e: Env, clients: McpTestClient[]): Promise<BurstResult["delivery"]> {
  const rest = api(e.app.baseUrl);
  const N = S.burstAnswers;
  const prefix = `bench delivery ${randomBytes(3).toString("hex")} #`;
  const pending = new Map<string, Promise<Outcome>>();
  let settledEarly = 0;
  for (let i = 0; i < N; i++)
    pending.set(
      `${prefix}${i}`,
      ask(clients[i % clients.length]!, `${prefix}${i}`).finally(() => settledEarly++),
    );
  // Every case open (so every call is waiting, or about to read its case), then a moment for the last to subscribe.
  // A call that ended before its answer (busy, say) counts as not delivered.
  let open: Array<{ id: string; question: string }> = [];
  for (const until = now() + 60_000; open.length + settledEarly < N && now() < until; await sleep(200))
    open = await allOpen(rest, e.answerKey, prefix);
  if (open.length < N) log(`  only ${open.length}/${N} calls waiting (${settledEarly} ended early)`);
  await sleep(1000);
  const sent = new Map<string, { sentAt: number; respondedAt: number; ok: boolean }>();
  await Promise.all(
    open.map(async (c) => {
      const sentAt = now();
      const r = await rest.answer(e.answerKey, c.id, `delivered ${c.question}`).catch(() => ({ status: 0 }));
      sent.set(c.question, { sentAt, respondedAt: now(), ok: r.status === 201 });
    }),
  );
  const afterCommit: number[] = [];
  const afterSent: number[] = [];
  const rtt: number[] = [];
  let errors = 0;
  for (const [question, p] of pending) {
    const o = await p;
    const s = sent.get(question);
    const sc = o.r && !o.r.isError ? structured(o.r) : undefined;
    if (!s?.ok || sc?.answer !== `delivered ${question}`) {
      errors++;
      continue;
    }
    afterCommit.push(Math.max(0, o.t - s.respondedAt));
    afterSent.push(o.t - s.sentAt);
    rtt.push(s.respondedAt - s.sentAt);
  }
  return {
    answers: N,
    delivered: afterCommit.length,
    afterCommitMs: percentiles(afterCommit),
    afterPostSentMs: percentiles(afterSent),
    postRttMs: percentiles(rtt),
    errors,
  };
}

/** Every open case of this run, paging through the oldest-first list by cursor. */
async function allOpen(rest: ReturnType<typeof api>, key: string, prefix: string) {
  const all: Array<{ id: string; question: string }> = [];
  let cursor: string | null = null;
  do {
    const q: string = `/api/cases?status=open,claimed&limit=200&order=oldest${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const list = await rest.call("GET", q, { key }).catch(() => null);
    if (!list) break;
    all.push(...((list.json?.cases ?? []) as Array<{ id: string; question: string }>).filter((c) => c.question.startsWith(prefix)));
    cursor = (list.json?.nextCursor as string | null) ?? null;
  } while (cursor);
  return all;
}

export async function figureBurst(e: Env): Promise<BurstResult> {
  const clients = await clientsFor(e);
  try {
    log(`figure 8a: ${S.burstCalls} ask_human calls at once (answered as they appear, or told busy)…`);
    const calls = await figureBurstCalls(e, clients);
    log(`  ${calls.answeredCorrectly} answered correctly, ${calls.busy} busy, ${calls.unreachable} unreachable, ${calls.wrong} wrong`);
    await sleep(2000);
    log(`figure 8b: ${S.burstAnswers} answers posted at once to waiting calls…`);
    const delivery = await figureBurstDelivery(e, clients);
    log(
      `  delivered ${delivery.delivered}/${delivery.answers}: after commit p50/p95 ${delivery.afterCommitMs.p50}/${delivery.afterCommitMs.p95} ms`,
    );
    return { calls, delivery };
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
  }
}

export const BURST_GOALS = { deliveryP95Ms: 100 };

export function burstRows(B: BurstResult): Row[] {
  const c = B.calls;
  const d = B.delivery;
  const others = Object.entries(c.other).map(([k, v]) => `${v} ${k}`);
  return [
    [
      `8. ${c.requested} ask_human at once: answered / busy`,
      `${c.answeredCorrectly} / ${c.busy} (${c.wrong} wrong, ${c.unreachable} unreachable${others.length ? `, ${others.join(", ")}` : ""}; ${round(c.wallMs / 1000, 1)} s)`,
      "0 wrong, 0 unreachable, rest answered or busy",
      c.wrong === 0 && c.unreachable === 0 && c.answeredCorrectly + c.busy === c.requested ? "PASS" : "FAIL",
    ],
    [
      `8. ${d.answers} answers at once → results, after commit p50/p95`,
      `${d.afterCommitMs.p50} / ${d.afterCommitMs.p95} ms (${d.delivered}/${d.answers} delivered; from POST sent ${d.afterPostSentMs.p50} / ${d.afterPostSentMs.p95} ms, POST rtt p95 ${d.postRttMs.p95} ms)`,
      `p95 ≤ ${BURST_GOALS.deliveryP95Ms} ms`,
      d.delivered === d.answers && d.afterCommitMs.p95 <= BURST_GOALS.deliveryP95Ms ? "PASS" : "FAIL",
    ],
  ];
}
