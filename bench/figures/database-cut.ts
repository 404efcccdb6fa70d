/**
 * Figure 9 — a cut database is still an outage (PostgreSQL only): the app talks to PostgreSQL through the fault
 * tests' TCP proxy (tests/support/tcp-proxy.ts); after an answered warm-up the proxy drops every connection
 * and swallows new ones (a blackhole, the hard case). Time from each ask_human sent → FALLBACK_UNREACHABLE,
 * against the same call on the healthy database just before. Goal: the first within 1.5 s.
 */
import { randomUUID } from "node:crypto";
import { structured } from "../../e2e/support/api";
import { freshDatabaseEnv, startApp } from "../../e2e/support/app-server";
import { faultAppEnv, provisionTenant } from "../../e2e/support/fault-app";
import { connectModern } from "../../e2e/support/mcp-clients";
import { parseConfig } from "../../lib/platform/config/env";
import { startTcpProxy } from "../../tests/support/tcp-proxy";
import type { Row } from "../support/report";
import { log, now, round } from "../support/stats";

export type CutResult = { healthyMs: number; cutMs: number[]; allUnreachable: boolean };
export const CUT_GOAL_MS = 1500;

export async function figureDatabaseCut(): Promise<CutResult> {
  const { FALLBACK_UNREACHABLE, FALLBACK_UNAVAILABLE } = parseConfig({});
  const db = await freshDatabaseEnv();
  const real = new URL(db.env.DATABASE_URL!);
  const proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
  const viaProxy = new URL(real);
  viaProxy.port = String(proxy.port);
  const direct = { ...db.env, ...faultAppEnv(), DATABASE_BREAKER_RESET_MS: "5000" };
  // Straight to PostgreSQL: the CLI runs synchronously, and the proxy lives in this (then blocked) process.
  const t = provisionTenant(direct, "Bench cut");
  const env = { ...direct, DATABASE_URL: viaProxy.toString() };
  const app = await startApp(env);
  const agent = await connectModern(app.baseUrl, t.agentKey);
  try {
    const ask = async () => {
      const t0 = now();
      const r = await agent.callTool(
        "ask_human",
        { question: `Open on Sunday? ${randomUUID()}`, timeoutSeconds: 10 },
        { timeoutMs: 60_000 },
      );
      return { sc: structured(r), ms: round(now() - t0, 0) };
    };
    // Healthy (and warm): nobody is online, so the agent hears the "nobody available" sentence at once.
    await ask();
    const healthy = await ask();
    if (healthy.sc?.message !== FALLBACK_UNAVAILABLE) throw new Error(`healthy ask_human said ${JSON.stringify(healthy.sc)}`);
    await proxy.cut("blackhole");
    log("figure 9: database cut (blackhole); asking…");
    const cut = [await ask(), await ask(), await ask()];
    return {
      healthyMs: healthy.ms,
      cutMs: cut.map((c) => c.ms),
      allUnreachable: cut.every((c) => c.sc?.status === "unavailable" && c.sc.message === FALLBACK_UNREACHABLE),
    };
  } finally {
    await agent.close().catch(() => {});
    await app.stop();
    await proxy.close();
    await db.drop();
  }
}

export function databaseCutRows(C: CutResult): Row[] {
  return [
    [
      "9. database cut → FALLBACK_UNREACHABLE: first / next calls",
      `${C.cutMs[0]} ms / ${C.cutMs.slice(1).join(", ")} ms (healthy call before: ${C.healthyMs} ms)${C.allUnreachable ? "" : " — NOT the outage sentence"}`,
      `first ≤ ${CUT_GOAL_MS} ms`,
      C.allUnreachable && C.cutMs[0]! <= CUT_GOAL_MS ? "PASS" : "FAIL",
    ],
  ];
}
