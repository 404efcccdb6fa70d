/**
 * Figure 1 — answer delivery latency: operator POST /api/cases/{id}/messages sent → ask_human result at the MCP
 * client (2.x), against a polling baseline (POST /api/cases, then GET /api/cases/{id} with backoff 500 ms → 2 s)
 * measured in the same run over the same escalations, interleaved so both see the same background load.
 */
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { api, structured } from "../../e2e/support/api";
import type { McpTestClient } from "../../e2e/support/mcp-clients";
import { type Env, Operator } from "../support/app";
import { noiseProbe } from "../support/process-stats";
import type { Row } from "../support/report";
import { GOALS, S } from "../support/settings";
import { log, now, type Percentiles, percentiles, pool, prng, round, sleep, within } from "../support/stats";

export type LatencyResult = {
  event: {
    latencyMs: Percentiles;
    answerPostRttMs: Percentiles;
    resultMinusPostResponseMs: Percentiles;
    errors: number;
    errorSamples: string[];
  };
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

export async function figureLatency(e: Env, agent: McpTestClient): Promise<LatencyResult> {
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
      if (out.r.isError || s?.status !== "answered" || s.answer !== answer || s.caseId !== c.id)
        return fail(ev, `ask_human returned ${JSON.stringify(out.r.structuredContent ?? out.r.content)}`);
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

/** The summary lines of figure 1. */
export function latencyRows(latency: LatencyResult): Row[] {
  const L = latency.event.latencyMs;
  const P = latency.polling.latencyMs;
  const ok = latency.event.errors === 0 && L.n > 0 && L.p95 <= GOALS.latencyP95Ms;
  return [
    [
      "1. answer delivery, event-driven p50/p95/p99",
      `${L.p50} / ${L.p95} / ${L.p99} ms (n=${L.n}, errors ${latency.event.errors})`,
      `p95 ≤ ${GOALS.latencyP95Ms} ms`,
      ok ? "PASS" : "FAIL",
    ],
    [
      "1. answer delivery, polling baseline p50/p95/p99",
      `${P.p50} / ${P.p95} / ${P.p99} ms (n=${P.n}, errors ${latency.polling.errors})`,
      "baseline",
      "info",
    ],
    ["1. polling ÷ event-driven (p50, p95)", `${latency.ratioP50}× , ${latency.ratioP95}×`, "—", "info"],
    [
      "1. noise floor: GET /api/health p50/p95 meanwhile",
      `${latency.noiseFloorHealthRttMs.p50} / ${latency.noiseFloorHealthRttMs.p95} ms (load ${latency.loadAvg1m.before}→${latency.loadAvg1m.after})`,
      "—",
      "info",
    ],
  ];
}
