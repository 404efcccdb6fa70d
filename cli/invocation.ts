import { parseArgs } from "node:util";
import type { Invocation } from "@/cli/commands";

export const USAGE = `Usage: switchboard <noun> <verb> [--flags]

  accounts create --name NAME             create an account (prints its id and callback signing secret once)
  accounts list                           list accounts
  accounts rotate-secret [--account A]    replace the callback signing secret (prints the new one once)
  members create --email E --password P --role operator|admin [--name N] [--account A]
  members list [--account A]
  members reset-password --email E [--password P]
                                          set a member's password (without --password one is generated and
                                          printed once); every session of theirs ends
  keys create --name N --scopes hitl:ask,hitl:answer[,admin] [--account A]
                                          prints the new key, alone on stdout, once
  keys list [--account A]
  keys revoke KEY_ID_OR_PREFIX [--account A]
  setup-token                             a one-time token (1 hour) for /setup, while no member exists
  db migrate                              apply pending migrations
  notify settings [--server URL|default] [--default-topic T] [--oncall-topic T] [--token TK | --clear-token] [--account A]
                                          show or change the ntfy settings (the token is never shown)
  notify test [--topic default|oncall] [--account A]
                                          send a test notification with the saved settings
  secrets status                          which encryption key holds each stored secret (never the secrets)
  secrets reencrypt                       re-encrypt every stored secret with SECRETS_ENCRYPTION_KEY (key rotation)
  memory import FILE [--format csv|json] [--account A]
                                          add saved answers from a CSV (question,answer,tags,validUntil,answeredBy,
                                          approvedForAuto) or JSON file; all or nothing
  memory export [--format json|csv] [--account A]
                                          print every saved answer
  memory settings [--auto on|off|default] [--threshold 0.7|default] [--account A]
                                          show or change automatic answers from memory

Without --account a command acts on the first (demo) account.
Configuration comes from the environment and .env files, exactly as for the app. While the app runs on the
embedded database, commands are handed to it over loopback (the database is the app's alone).`;

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
  format: { type: "string" },
  auto: { type: "string" },
  threshold: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const parseFlags = (argv: string[]) => parseArgs({ args: argv, options: flags, allowPositionals: true, strict: true });

export type Parsed = { ok: true; invocation: Invocation } | { ok: false; code: number; message: string };

/** argv → a command, or the exit code and message for bad usage / --help. */
export function parseInvocation(argv: string[]): Parsed {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (e) {
    return { ok: false, code: 2, message: `${(e as Error).message}\n\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  // `setup-token` reads better than `setup token`; both work.
  const words = positionals[0] === "setup-token" ? ["setup", "token", ...positionals.slice(1)] : positionals;
  const [noun, verb, ...rest] = words;
  if (values.help || !noun || !verb) return { ok: false, code: values.help ? 0 : 2, message: USAGE };
  return { ok: true, invocation: { noun, verb, rest, values } };
}
