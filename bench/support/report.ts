/** The bench's report: the summary table and the facts written beside the figures. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./app";

/** One line of the summary: figure, value, goal, PASS / FAIL / info. */
export type Row = [string, string, string, string];

export function gitInfo() {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim() ?? "";
  return { commit: git("rev-parse", "HEAD"), dirtyFiles: git("status", "--porcelain").split("\n").filter(Boolean).length };
}

export function pkgVersion(name: string) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version as string;
  } catch {
    return "?";
  }
}

export function table(rows: Array<[string, string, string, string]>) {
  const head: [string, string, string, string] = ["figure", "value", "goal", "result"];
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
  return [line(head), `|${w.map((n) => "-".repeat(n + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/**
 * The HITL figures of each database side by side: one line per figure (matched by its label), a value column
 * per database, the goal, and each database's result.
 */
export function sideBySide(runs: Array<{ label: string; rows: Row[] }>): string {
  const head = ["figure", ...runs.map((r) => r.label), "goal", "result"];
  const labels = [...new Set(runs.flatMap((r) => r.rows.map((x) => x[0])))];
  const lines = labels.map((figure) => {
    const hits = runs.map((r) => r.rows.find((x) => x[0] === figure));
    const goal = hits.find(Boolean)?.[2] ?? "";
    return [figure, ...hits.map((h) => h?.[1] ?? "—"), goal, hits.map((h) => h?.[3] ?? "—").join(" / ")];
  });
  const all = [head, ...lines];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
  return [line(head), `|${w.map((n) => "-".repeat(n + 2)).join("|")}|`, ...lines.map(line)].join("\n");
}

/** The machine, versions and drivers a run measured on, so two result files can be compared honestly. */
export function environmentFacts(loadBefore: number[]) {
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    totalMemMb: Math.round(os.totalmem() / 2 ** 20),
    loadAvgBefore: loadBefore.map(r2),
    loadAvgAfter: os.loadavg().map(r2),
    databaseUrlSet: !!process.env.DATABASE_URL,
    redisUrlSet: !!process.env.REDIS_URL,
    versions: Object.fromEntries(
      ["next", "mcp-handler", "@modelcontextprotocol/server", "@modelcontextprotocol/client", "@modelcontextprotocol/sdk"].map((n) => [
        n,
        pkgVersion(n),
      ]),
    ),
    git: gitInfo(),
  };
}

/** Writes bench/results/latest.json and a timestamped copy; returns both paths relative to the repo. */
export function writeReport(report: { timestamp: string }, label: string): string[] {
  const resultsDir = path.join(root, "bench", "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const json = JSON.stringify(report, null, 2);
  const latest = path.join(resultsDir, "latest.json");
  const stamped = path.join(resultsDir, `${report.timestamp.replace(/[:.]/g, "-")}-${label}.json`);
  fs.writeFileSync(latest, json);
  fs.writeFileSync(stamped, json);
  return [latest, stamped].map((p) => path.relative(root, p));
}
