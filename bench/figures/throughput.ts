/**
 * Figure 3 — throughput of tools/list and get_human_answer through the app, as a ratio against a bare
 * @modelcontextprotocol/server McpServer (bench/figures/bare-server.ts) doing the same key lookup and case read
 * on the same database, with the same client and concurrency: the ratio is our framework's overhead.
 */
import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { structured } from "../../e2e/support/api";
import { connectModern, type McpTestClient, type ToolCallResult } from "../../e2e/support/mcp-clients";
import { cleanups, type Env, root } from "../support/app";
import { groupStats, processCpuMs, selfCpuMs } from "../support/process-stats";
import type { Row } from "../support/report";
import { GOALS, S } from "../support/settings";
import { log, now, type Percentiles, percentiles, round, sleep, within } from "../support/stats";

type Bare = {
  baseUrl: string;
  key: string;
  caseId: string;
  child: ChildProcess;
  stats: () => Promise<{ requests: number }>;
  stop: () => Promise<void>;
};

/** The bare reference server; on PostgreSQL it reads the app's database with the app's key and case. */
async function startBare(e: Env, caseId: string): Promise<Bare> {
  // One process (node --import tsx), so its CPU time can be read from /proc/<pid>/stat.
  const shared = e.env.DATABASE_URL ? { BARE_DATABASE_URL: e.env.DATABASE_URL, BARE_KEY: e.agentKey, BARE_CASE_ID: caseId } : {};
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "bare-server.ts")], {
    cwd: root,
    env: {
      ...process.env,
      ...shared,
      // The bare server runs on the same database as the app under test (PGlite: none of the bench's DATABASE_URL),
      // with the app's encryption key, as a production process must have one.
      DATABASE_URL: e.env.DATABASE_URL ?? "",
      SECRETS_ENCRYPTION_KEY: e.env.SECRETS_ENCRYPTION_KEY ?? "",
      NODE_ENV: "production",
      TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (d) => (output += d));
  const ready = await within(
    new Promise<{ port: number; key: string; caseId: string }>((resolve, reject) => {
      child.stdout!.on("data", (d) => {
        output += d;
        const m = /BARE_READY (\d+) (\S+) (\S+)/.exec(output);
        if (m) resolve({ port: Number(m[1]), key: m[2]!, caseId: m[3]! });
      });
      child.once("exit", (code) => reject(new Error(`bare server exited (${code}): ${output}`)));
    }),
    60_000,
    "bare server start",
  );
  const baseUrl = `http://127.0.0.1:${ready.port}`;
  return {
    baseUrl,
    key: ready.key,
    caseId: ready.caseId,
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

export type LoadResult = {
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
export async function load(
  op: () => Promise<void>,
  seconds: number,
  concurrency: number,
  maxRequests: number,
  serverCpu: () => number,
): Promise<LoadResult> {
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

export type ThroughputResult = {
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

export async function figureThroughput(e: Env, answeredCaseId: string): Promise<ThroughputResult> {
  const bare = await startBare(e, answeredCaseId);
  cleanups.push(() => bare.stop());
  const appClient = await connectModern(e.app.baseUrl, e.agentKey);
  const bareClient = await connectModern(bare.baseUrl, bare.key);
  const expectAnswered = (r: ToolCallResult) => {
    if (r.isError || structured(r)?.status !== "answered") throw new Error(`unexpected result ${JSON.stringify(r.content).slice(0, 200)}`);
  };
  // Both servers list the same tools (the bare one registers the app's very definitions).
  const toolCount = (await bareClient.listTools()).length;
  const appCount = (await appClient.listTools()).length;
  if (appCount !== toolCount)
    throw new Error(`the app lists ${appCount} tools, the bare server ${toolCount}: keep bench/figures/bare-server.ts in step`);
  const caseOf = (c: McpTestClient) => (c === bareClient ? bare.caseId : answeredCaseId);
  const ops: Record<string, (c: McpTestClient) => () => Promise<void>> = {
    "tools/list": (c) => async () => {
      const tools = await c.listTools();
      if (tools.length !== toolCount) throw new Error(`tools/list returned ${tools.length} tools`);
    },
    get_human_answer: (c) => async () => expectAnswered(await c.callTool("get_human_answer", { caseId: caseOf(c), waitSeconds: 0 })),
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
        const res = await load(
          make(target === "app" ? appClient : bareClient),
          S.seconds,
          S.throughputConcurrency,
          S.throughputMaxRequests,
          serverCpu,
        );
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
  log(
    `  context: REST GET /api/cases/{id} via fetch: ${restGetCase.rps} req/s, server ${restGetCase.serverCpuMsPerRequest} CPU ms per request`,
  );
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

/** The summary lines of figure 3. */
export function throughputRows(throughput: ThroughputResult): Row[] {
  const T = Object.entries(throughput.ops);
  return [
    ...T.map(
      ([name, t]): Row => [
        `3. ${name} req/s app vs bare SDK`,
        `${t.app.rps} vs ${t.bare.rps} = ${t.ratio}× (errors ${t.app.errors}/${t.bare.errors})`,
        `≥ ${GOALS.throughputRatio}×`,
        t.app.errors === 0 && t.ratio >= GOALS.throughputRatio ? "PASS" : "FAIL",
      ],
    ),
    ...T.map(
      ([name, t]): Row => [
        `3. ${name} server CPU/request app vs bare`,
        `${t.app.serverCpuMsPerRequest} vs ${t.bare.serverCpuMsPerRequest} ms = ${t.cpuRatio}×`,
        "—",
        "info",
      ],
    ),
    [
      "3. context: REST GET /api/cases/{id} (fetch)",
      `${throughput.restGetCase.rps} req/s, ${throughput.restGetCase.serverCpuMsPerRequest} ms server CPU/request`,
      "—",
      "info",
    ],
  ];
}
