import { getDeps } from "@/lib/deps";
import { ConfigError, getConfig } from "@/lib/config/env";
import { formatDemoCredentials, seedDemoIfEmpty } from "@/lib/bootstrap/seed-demo";
import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/bootstrap/instance-secrets";
import { startScheduler } from "@/lib/jobs/scheduler";
import { log } from "@/lib/log";

/** Server start-up: validate configuration, migrate, seed the demo account once, start the scheduler. */
export async function startServer(): Promise<void> {
  const config = getConfig(); // throws ConfigError naming the bad variable
  const deps = await getDeps();
  if (config.SEED_DEMO) {
    const demo = await seedDemoIfEmpty(deps.db);
    // Printed straight to the terminal, once, and never logged.
    if (demo) process.stdout.write(formatDemoCredentials(demo));
  }
  // Generated on first start and stored, never derived from settings (a derivable secret let anyone forge call events).
  if (!config.SIMULATOR_WEBHOOK_SECRET) await getOrCreateInstanceSecret(deps.db, SIMULATOR_WEBHOOK_SECRET_NAME);
  if (config.SCHEDULER) startScheduler(deps);
  log.info({ kv: deps.kv.driver, bus: deps.bus.driver, db: config.DATABASE_URL ? "postgres" : "pglite" }, "switchboard ready");
}

/** Start-up for instrumentation.ts: a bad setting stops the process with a message naming it. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (e) {
    process.stderr.write(`\nSwitchboard could not start: ${e instanceof Error ? e.message : String(e)}\n\n`);
    if (e instanceof ConfigError) process.exit(1);
    throw e;
  }
}
