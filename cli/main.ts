import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { getConfig, ConfigError } from "@/lib/config/env";
import { isAppError } from "@/lib/errors";

const USAGE = `Usage: switchboard <noun> <verb> [--flags]

  accounts create --name NAME             create an account (prints its id and callback signing secret once)
  accounts list                           list accounts
  accounts rotate-secret [--account A]    replace the callback signing secret (prints the new one once)
  members create --email E --password P --role operator|admin [--name N] [--account A]
  members list [--account A]
  keys create --name N --scopes hitl:ask,hitl:answer[,admin] [--account A]
                                          prints the new key, alone on stdout, once
  keys list [--account A]
  keys revoke KEY_ID_OR_PREFIX [--account A]
  db migrate                              apply pending migrations
  notify settings [--server URL|default] [--default-topic T] [--oncall-topic T] [--token TK | --clear-token] [--account A]
                                          show or change the ntfy settings (the token is never shown)
  notify test [--topic default|oncall] [--account A]
                                          send a test notification with the saved settings

Without --account a command acts on the first (demo) account.
Configuration comes from the environment and .env files, exactly as for the app.`;

const flags = {
  name: { type: "string" },
  email: { type: "string" },
  password: { type: "string" },
  role: { type: "string" },
  scopes: { type: "string" },
  account: { type: "string" },
  server: { type: "string" },
  "default-topic": { type: "string" },
  "oncall-topic": { type: "string" },
  token: { type: "string" },
  "clear-token": { type: "boolean" },
  topic: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Runs one command; returns the exit code. Output for scripts goes to stdout, everything else to stderr. */
export async function main(argv: string[], root = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: flags, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [noun, verb, ...rest] = positionals;
  if (values.help || !noun || !verb) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  loadEnvConfig(root, false, { info: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) });
  const { getDatabase } = await import("@/lib/db/client");
  let database: Awaited<ReturnType<typeof getDatabase>> | undefined;
  try {
    getConfig();
    database = await getDatabase();
    const { runCommand } = await import("@/cli/commands");
    return await runCommand(database.db, { noun, verb, rest, values }, USAGE);
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
