/**
 * Figure: make_phone_call latency as an agent sees it — the official MCP client (2.x) against the built app
 * (`next start`) on the simulator — against two baselines measured in the same run over the same connection:
 * get_credits (an authenticated tool doing one small locked read) and tools/list (no database).
 * make_phone_call validates, reads preferences, locks the account's credits, writes call + hold + event,
 * hands the call to the provider and records its id — so the difference to get_credits is what placing costs.
 * Its own app instance on a fresh database (DATABASE_URL → fresh PostgreSQL, else PGlite). BENCH_CALLS
 * overrides the sample count (default 200; BENCH_QUICK=1: 40). Requests are sequential and interleaved.
 */
import { performance } from "node:perf_hooks";
import { cli, freshAppEnv, startApp } from "../../e2e/support/app-server";
import { connectModern, type McpTestClient } from "../../e2e/support/mcp-clients";
import type { Row } from "../support/report";
import { percentiles } from "../support/stats";

const GOAL_P95_MS = 250;

const pct = (xs: number[], p: 50 | 95) => percentiles(xs)[`p${p}`];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} / p95 ${pct(xs, 95).toFixed(1)} ms`;

export async function benchCalls(opts: {
  quick: boolean;
  log: (msg: string) => void;
}): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const n = Number(process.env.BENCH_CALLS ?? (opts.quick ? 40 : 200));
  const db = await freshAppEnv("sbbenchcalls", {
    API_RATE_LIMIT_PER_MINUTE: "1000000",
    CREDITS_STARTING_BALANCE: "100000000",
    TELEPHONY_SIM_SPEED: "1000",
    SCHEDULER: "false",
  });
  const env = db.env;
  const accountId = cli(env, "accounts", "create", "--name", "Bench calls");
  const key = cli(env, "keys", "create", "--name", "bench calls", "--scopes", "calls:read,calls:write", "--account", accountId);
  const app = await startApp(env);
  let client: McpTestClient | undefined;
  try {
    client = await connectModern(app.baseUrl, key);
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      const r = (await fn()) as { isError?: boolean };
      if (r && typeof r === "object" && "isError" in r && r.isError) throw new Error(`tool error: ${JSON.stringify(r)}`);
      return performance.now() - t;
    };
    const place = (i: number) => () =>
      client!.callTool("make_phone_call", {
        phoneNumber: `+1415${String(5_550_000 + i).padStart(7, "0")}`,
        task: "Confirm tomorrow's delivery window between 9 and 11.",
        maxDurationMinutes: 1,
      });
    const credits = () => client!.callTool("get_credits", { limit: 5 });
    const list = () => client!.listTools();
    for (let i = 0; i < 5; i++) await Promise.all([time(place(90_000 + i)), time(credits), time(list)]); // warm-up
    opts.log(`calls: ${n} × make_phone_call vs get_credits vs tools/list (sequential, interleaved)…`);
    const lat = { make: [] as number[], credits: [] as number[], list: [] as number[] };
    for (let i = 0; i < n; i++) {
      lat.make.push(await time(place(i)));
      lat.credits.push(await time(credits));
      lat.list.push(await time(list));
    }
    const p95 = pct(lat.make, 95);
    const figures = {
      samples: n,
      makePhoneCallMs: { p50: pct(lat.make, 50), p95 },
      getCreditsMs: { p50: pct(lat.credits, 50), p95: pct(lat.credits, 95) },
      toolsListMs: { p50: pct(lat.list, 50), p95: pct(lat.list, 95) },
    };
    return {
      figures,
      rows: [
        [
          "5. calls: make_phone_call latency (simulator, MCP client)",
          fmt(lat.make),
          `p95 < ${GOAL_P95_MS} ms`,
          p95 < GOAL_P95_MS ? "PASS" : "FAIL",
        ],
        ["5. calls: baseline get_credits / tools/list", `${fmt(lat.credits)}; ${fmt(lat.list)}`, "—", "info"],
        ["5. calls: placing overhead vs get_credits (p50)", `${(pct(lat.make, 50) - pct(lat.credits, 50)).toFixed(1)} ms`, "—", "info"],
      ],
    };
  } finally {
    await client?.close().catch(() => {});
    await app.stop();
    await db.drop();
  }
}
