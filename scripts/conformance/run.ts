/**
 * `npm run test:conformance`: the official MCP conformance suite against /api/mcp of the built app (`server.mjs`),
 * freshly provisioned, on the system Node (20+); the suite itself runs on the Node 22 pinned in conformance/
 * (see conformance/README.md). It reuses the e2e support for everything but the suite:
 *
 *   1. installs conformance/ deps if missing, builds the app if there is no build;
 *   2. a fresh database (PGlite directory, or a new PostgreSQL database when DATABASE_URL is set),
 *      SEED_DEMO=false, a unique KV_PREFIX;
 *   3. an account and an API key through the real CLI, then the app server (`server.mjs`, as `npm start`);
 *   4. a loopback proxy adding `Authorization: Bearer <key>` (the suite cannot send headers);
 *   5. every server scenario (`--suite all`), checked against conformance/expected-failures.yml; exits
 *      non-zero on an unexpected failure or a stale entry, and prints "N passed, N failed".
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { cli, ensureBuilt, freshDatabaseEnv, startApp } from "../../e2e/support/app-server";
import { startAuthProxy } from "./auth-proxy";
import { loadBaseline } from "./baseline";
import {
  baselineFile,
  confDir,
  describeFailure,
  ensureSuiteInstalled,
  isFailed,
  listScenarios,
  readResults,
  root,
  runSuite,
} from "./suite";

const verbose = process.argv.includes("--verbose");
const log = (...a: unknown[]) => console.log("[conformance]", ...a);

async function main(): Promise<number> {
  const started = Date.now();
  const cleanups: Array<() => Promise<unknown>> = [];
  let suiteChild: ChildProcess | null = null;
  let interrupted = false;
  // An interrupt stops the suite and falls through to the cleanup (server, proxy, database).
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      log(`${sig}: stopping and cleaning up`);
      suiteChild?.kill("SIGKILL");
    });
  }
  let exitCode = 1;
  try {
    ensureSuiteInstalled(log);
    const baseline = loadBaseline(baselineFile, root);
    const scenarios = listScenarios();
    const unknown = [...baseline.keys()].filter((s) => !scenarios.includes(s));
    await ensureBuilt(log);

    const db = await freshDatabaseEnv();
    cleanups.push(() => db.drop());
    const env: Record<string, string> = {
      ...db.env,
      SEED_DEMO: "false",
      KV_PREFIX: `sbconf:${randomBytes(4).toString("hex")}:`,
      LOG_LEVEL: process.env.CONFORMANCE_LOG_LEVEL ?? "warn",
      API_RATE_LIMIT_PER_MINUTE: "100000",
      // The suite's own fixture tools, resources and prompts, on the same route, auth and handler.
      MCP_CONFORMANCE_FIXTURES: "true",
    };
    log(`fresh environment: ${env.DATABASE_URL ? "a new PostgreSQL database" : `PGlite in ${env.DATA_DIR}`}, KV_PREFIX=${env.KV_PREFIX}`);
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
    const run = await runSuite(url, outputDir, { verbose, onChild: (c) => (suiteChild = c) });
    if (interrupted) throw new Error("interrupted");
    fs.writeFileSync(path.join(outputDir, "suite-output.txt"), run.output);
    fs.writeFileSync(path.join(outputDir, "app-output.txt"), app.logs());
    log(
      `suite finished in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s (exit ${run.code ?? run.signal}); results in ${path.relative(root, outputDir)}`,
    );

    const results = readResults(outputDir);
    const passed: string[] = [];
    const expected: string[] = [];
    const unexpected: string[] = [];
    const stale: string[] = [];
    const missing: string[] = [];
    for (const scenario of scenarios) {
      const checks = results.get(scenario);
      if (!checks) missing.push(scenario);
      else if (isFailed(checks)) (baseline.has(scenario) ? expected : unexpected).push(scenario);
      else (baseline.has(scenario) ? stale : passed).push(scenario);
    }

    console.log(`\nMCP conformance (${scenarios.length} server scenarios of @modelcontextprotocol/conformance):`);
    for (const s of passed) console.log(`  ✓ ${s}`);
    for (const s of expected) console.log(`  ~ ${s} (expected failure: ${baseline.get(s)})`);
    for (const s of stale) console.log(`  ! ${s} passes but is listed in expected-failures.yml: remove the entry`);
    for (const s of unexpected) console.log(`  ✗ ${s}\n${describeFailure(results.get(s)!)}`);
    for (const s of missing) console.log(`  ✗ ${s}: no result (the suite did not run it or crashed)`);
    for (const s of unknown) console.log(`  ! ${s} is listed in expected-failures.yml but the suite has no such scenario`);

    const problems = unexpected.length + stale.length + missing.length + unknown.length;
    // The suite's own verdict (same baseline) must agree: it is what CI in other SDKs relies on.
    const suiteDisagrees = run.code !== (unexpected.length + stale.length > 0 ? 1 : 0) && problems === 0;
    if (suiteDisagrees || run.code === null)
      console.log(`  ✗ the suite itself exited ${run.code ?? run.signal}; its output:\n${run.output}`);
    else if (problems > 0 && !verbose)
      console.log(`\n  (full suite output: ${path.relative(root, path.join(outputDir, "suite-output.txt"))})`);
    const failedCount = problems + (suiteDisagrees || run.code === null ? 1 : 0);
    console.log(
      `\n${expected.length} expected failures (listed in conformance/expected-failures.yml); ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    );
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
  return exitCode;
}

void main().then((code) => process.exit(code));
