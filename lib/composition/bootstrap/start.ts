import path from "node:path";
import { getDeps } from "@/lib/composition/deps";
import { type Config, getConfig, listeningPort } from "@/lib/platform/config/env";
import { isDataDirLocked } from "@/lib/adapters/db/data-dir-lock";
import { formatDemoSeed, formatSetupHint, seedDemoIfEmpty } from "@/lib/composition/bootstrap/seed-demo";
import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/adapters/db/instance-secrets";
import { publishCliEndpoint } from "@/lib/transports/cli-bridge/endpoint";
import { needsSetup } from "@/lib/domains/setup/complete-setup";
import { startScheduler } from "@/lib/composition/jobs/scheduler";
import { log } from "@/lib/platform/log";
import { processKeyring } from "@/lib/platform/secrets/keyring";
import { resealSecrets } from "@/lib/adapters/db/reseal-secrets";
import type { Keyring } from "@/lib/platform/secrets/secret-box";
import type { Db } from "@/lib/adapters/db/client";

/** Server start-up: validate configuration, migrate, seed the demo account once, start the scheduler. */
export async function startServer(): Promise<void> {
  const config = getConfig(); // throws ConfigError naming the bad variable
  // Also a ConfigError: in production with DATABASE_URL, SECRETS_ENCRYPTION_KEY must be set.
  const keyring = processKeyring(config);
  for (const w of startupWarnings(config)) log.warn({ setting: w.setting }, w.message);
  const deps = await getDeps();
  await sealPlaintextSecrets(deps.db, keyring);
  if (config.SEED_DEMO) {
    const demo = await seedDemoIfEmpty(deps.db);
    // Printed straight to the terminal, once, and never logged.
    if (demo) process.stdout.write(formatDemoSeed(demo));
  }
  // Generated on first start and stored, never derived from settings (a derivable secret let anyone forge call events).
  if (!config.SIMULATOR_WEBHOOK_SECRET) await getOrCreateInstanceSecret(deps.db, SIMULATOR_WEBHOOK_SECRET_NAME);
  const port = listeningPort();
  // The CLI cannot open the embedded database while we hold it: it hands its commands to us instead.
  if (!config.DATABASE_URL && port) publishCliEndpoint(path.resolve(config.DATA_DIR, "pglite"), port);
  if (await needsSetup(deps.db)) process.stdout.write(formatSetupHint(config.APP_URL ?? `http://127.0.0.1:${port ?? 3000}`));
  if (config.SCHEDULER) startScheduler(deps);
  log.info({ kv: deps.kv.driver, bus: deps.bus.driver, db: config.DATABASE_URL ? "postgres" : "pglite" }, "switchboard ready");
}

/**
 * Settings that are valid but dangerous where they are: said once at start-up, in the log (not a ConfigError —
 * a deliberate test deployment may need them).
 */
export function startupWarnings(config: Pick<Config, "NODE_ENV" | "OUTBOUND_ALLOW_LOOPBACK">): { setting: string; message: string }[] {
  const warnings: { setting: string; message: string }[] = [];
  if (config.NODE_ENV === "production" && config.OUTBOUND_ALLOW_LOOPBACK)
    warnings.push({
      setting: "OUTBOUND_ALLOW_LOOPBACK",
      message:
        "OUTBOUND_ALLOW_LOOPBACK is on in production: URLs that tenants, keys and models choose may reach this machine's own services; turn it off unless this deployment only talks to local stand-ins",
    });
  return warnings;
}

/**
 * Secrets stored before encryption existed are sealed at the first start with the key: unattended (no plaintext
 * left waiting for someone to remember a command), harmless to repeat or to run on several instances at once
 * (compare-and-set per row), and safe in between (reads accept both forms). Rows under an older key are left to
 * `switchboard secrets reencrypt`, run once every instance has the new key.
 */
async function sealPlaintextSecrets(db: Db, keyring: Keyring): Promise<void> {
  const sealed = (await resealSecrets(db, keyring, { plaintextOnly: true })).filter((r) => r.resealed > 0);
  if (sealed.length) log.info({ sealed, keyId: keyring.current.id }, "stored secrets encrypted");
}

const RETRY_MS = 5_000;

/**
 * Start-up for instrumentation.ts. A bad setting, or an embedded data directory another live process holds,
 * stops the process with a message naming it (exit 1) — a server that cannot work must not answer 500s.
 * Anything else (PostgreSQL not reachable yet) is retried in the background while the server runs:
 * requests retry the database themselves and /api/health says what is down. Never throws: an error out
 * of register() would leave Next answering a plain-text 500 on every route.
 */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if ((e as Error | null)?.name === "ConfigError" || isDataDirLocked(e)) {
      process.stderr.write(`\nSwitchboard could not start: ${message}\n\n`);
      process.exit(1);
    }
    log.error({ err: message, retryInMs: RETRY_MS }, "start-up failed; retrying in the background");
    setTimeout(() => void startServerOrExit(), RETRY_MS).unref();
  }
}
