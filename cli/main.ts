import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { getConfig, ConfigError } from "@/lib/platform/config/env";
import { isAppError } from "@/lib/platform/errors";
import { parseInvocation } from "@/cli/invocation";
import { forwardToRunningApp } from "@/cli/forward";
import { processKeyring } from "@/lib/platform/secrets/keyring";

/** Runs one command; returns the exit code. Output for scripts goes to stdout, everything else to stderr. */
export async function main(argv: string[], root = process.cwd()): Promise<number> {
  const parsed = parseInvocation(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return parsed.code;
  }
  loadEnvConfig(root, false, { info: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) });
  const { getDatabase } = await import("@/lib/adapters/db/client");
  let database: Awaited<ReturnType<typeof getDatabase>> | undefined;
  try {
    const config = getConfig();
    // The embedded database held by the running app: hand the command to the app.
    if (!config.DATABASE_URL) {
      const forwarded = await forwardToRunningApp(path.resolve(config.DATA_DIR, "pglite"), argv);
      if (forwarded) {
        if (forwarded.stdout) process.stdout.write(forwarded.stdout);
        if (forwarded.stderr) process.stderr.write(forwarded.stderr);
        return forwarded.code;
      }
    }
    // Before the database: without the encryption key in production, say so rather than fail mid-command.
    processKeyring(config);
    database = await getDatabase();
    const { runCommand } = await import("@/cli/commands");
    const { USAGE } = await import("@/cli/invocation");
    return await runCommand(database.db, parsed.invocation, USAGE);
  } catch (e) {
    if (e instanceof ConfigError || isAppError(e)) {
      process.stderr.write(`switchboard: ${e.message}\n`);
      return isAppError(e) && e.code === "not_found" ? 3 : 1;
    }
    process.stderr.write(`switchboard: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await database?.close();
  }
}
