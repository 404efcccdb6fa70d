/** The app the HITL figures run against: a fresh database, keys through the real CLI, `next start`, and the operator's side. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { api } from "../../e2e/support/api";
import { randomBytes } from "node:crypto";
import { cli, ensureBuilt, freshAppEnv, startApp, type RunningApp } from "../../e2e/support/app-server";
import { S } from "./settings";
import { log, now, sleep, within } from "./stats";

export const root = path.resolve(__dirname, "..", "..");

export const cleanups: Array<() => Promise<unknown> | unknown> = [];
export async function cleanup() {
  while (cleanups.length) {
    try {
      await within(Promise.resolve(cleanups.pop()!()), 15_000, "cleanup");
    } catch (e) {
      log(`cleanup: ${(e as Error).message}`);
    }
  }
}

/** Builds the app when there is no build yet (see ensureBuilt). */
export const ensureBuild = () => ensureBuilt(log);

export type Env = { app: RunningApp; agentKey: string; answerKey: string; health: any; env: Record<string, string>; heapFile?: string };

/** What the HITL figures run on: PostgreSQL + Redis (DATABASE_URL / REDIS_URL), or the embedded PGlite + in-process kv and bus. */
export type Target = "postgres" | "pglite";
export const targetLabel = (t: Target) => (t === "postgres" ? "PostgreSQL + Redis" : "PGlite");

/** The embedded default even when DATABASE_URL / REDIS_URL are set in this process (empty means unset to the app). */
function embeddedAppEnv(extra: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  const env = {
    DATABASE_URL: "",
    REDIS_URL: "",
    DATA_DIR: dir,
    KV_PREFIX: `sbbench:${randomBytes(4).toString("hex")}:`,
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    ...extra,
  };
  return { env, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function setup(target: Target = process.env.DATABASE_URL ? "postgres" : "pglite"): Promise<Env> {
  const extra = { API_RATE_LIMIT_PER_MINUTE: String(S.rateLimitPerMinute), CASE_TTL_MINUTES: "60" };
  const db = target === "postgres" ? await freshAppEnv("sbbench", extra) : embeddedAppEnv(extra);
  cleanups.push(() => db.drop());
  const env = db.env;
  // Provision through the CLI before the server starts (the embedded database is locked while it runs).
  const accountId = cli(env, "accounts", "create", "--name", "Bench");
  const agentKey = cli(env, "keys", "create", "--name", "bench agent", "--scopes", "hitl:ask", "--account", accountId);
  const answerKey = cli(env, "keys", "create", "--name", "bench answer bridge", "--scopes", "hitl:answer", "--account", accountId);
  // The heap probe (bench/support/heap-probe.cjs) lets the bench force a GC in the server at quiet points and read its heap.
  const heapFile =
    process.env.BENCH_HEAP === "0" ? undefined : path.join(os.tmpdir(), `switchboard-bench-heap-${process.pid}-${Date.now()}.jsonl`);
  const appEnv = heapFile
    ? {
        ...env,
        BENCH_HEAP_FILE: heapFile,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --require ${path.join(__dirname, "heap-probe.cjs")}`.trim(),
      }
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

export class Operator {
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
    return within(
      new Promise<{ id: string; foundAt: number }>((resolve) => this.waiting.set(question, { resolve })),
      timeoutMs,
      `case "${question}" in the open list`,
    ).catch((e) => {
      this.waiting.delete(question);
      throw e;
    });
  }
  async stop() {
    this.running = false;
    await this.loop;
  }
}

export function heartbeat(rest: ReturnType<typeof api>, key: string) {
  let failures = 0;
  const beat = () =>
    rest.heartbeat(key).then(
      (r) => {
        if (r.status === 200) return;
        failures++;
        log(`  operator heartbeat answered ${r.status}`);
      },
      (err: { cause?: unknown }) => {
        // Three in a row and presence lapses: calls then hear "nobody available" (the cause, not the app's answer, in the log).
        failures++;
        log(`  operator heartbeat failed: ${String(err?.cause ?? err).slice(0, 160)}`);
      },
    );
  const timer = setInterval(beat, 10_000);
  return {
    first: beat(),
    failures: () => failures,
    stop: () => clearInterval(timer),
  };
}
