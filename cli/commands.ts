import type { Db } from "@/lib/adapters/db/client";
import { AppError } from "@/lib/platform/errors";
import { createAccount, listAccounts, resolveAccount, rotateWebhookSecret } from "@/lib/domains/accounts/accounts";
import { createApiKey, listApiKeys, parseScopes, revokeApiKey } from "@/lib/domains/api-keys/api-keys";
import { createMember, listMembers } from "@/lib/domains/members/members";
import { runNotifyCommand } from "@/cli/notify-commands";
import { runSecretsCommand } from "@/cli/secrets-commands";
import { runMemoryCommand } from "@/cli/memory-commands";
import { resetMemberPassword } from "@/lib/domains/members/change-password";
import { needsSetup, SETUP_DONE_MESSAGE } from "@/lib/domains/setup/complete-setup";
import { createSetupToken } from "@/lib/domains/setup/setup-tokens";

export type Invocation = { noun: string; verb: string; rest: string[]; values: Record<string, string | boolean | undefined> };
/** Where a command writes: `out` is for scripts (stdout), `info` for people (stderr). */
export type CliIo = { out: (line: string) => void; info: (line: string) => void };

const stdio: CliIo = { out: (line) => process.stdout.write(`${line}\n`), info: (line) => process.stderr.write(`${line}\n`) };

function need(values: Invocation["values"], name: string): string {
  const v = values[name];
  if (typeof v !== "string" || !v.trim()) throw new AppError("validation_failed", `--${name} is required`);
  return v;
}

export async function runCommand(db: Db, { noun, verb, rest, values }: Invocation, usage: string, io: CliIo = stdio): Promise<number> {
  const { out, info } = io;
  const account = () => resolveAccount(db, values.account as string | undefined);
  if (noun === "notify") return runNotifyCommand(db, verb, values, (await account()).id, io);
  if (noun === "secrets") return runSecretsCommand(db, verb, io);
  if (noun === "memory") return runMemoryCommand(db, verb, rest, values, (await account()).id, io);
  switch (`${noun} ${verb}`) {
    case "db migrate":
      // getDatabase() already applied pending migrations before we got here.
      info("Database is up to date.");
      return 0;
    case "accounts create": {
      const { account: a, webhookSecret } = await createAccount(db, { name: need(values, "name") });
      out(a.id);
      info(`Created account "${a.name}". Callback signing secret (shown once): ${webhookSecret}`);
      return 0;
    }
    case "accounts list":
      for (const a of await listAccounts(db)) out(`${a.id}\t${a.name}\t${a.createdAt.toISOString()}`);
      return 0;
    case "accounts rotate-secret": {
      const a = await account();
      info(`New callback signing secret for "${a.name}" (shown once):`);
      out(await rotateWebhookSecret(db, a.id));
      return 0;
    }
    case "members create": {
      const a = await account();
      const m = await createMember(db, a.id, {
        email: need(values, "email"),
        password: need(values, "password"),
        role: need(values, "role") as "operator" | "admin",
        name: values.name as string | undefined,
      });
      out(m.id);
      info(`Created ${m.role} ${m.email} in "${a.name}".`);
      return 0;
    }
    case "members list": {
      const a = await account();
      for (const m of await listMembers(db, a.id)) out(`${m.id}\t${m.email}\t${m.role}\t${m.active ? "active" : "inactive"}`);
      return 0;
    }
    case "members reset-password": {
      const given = typeof values.password === "string" ? values.password : undefined;
      const r = await resetMemberPassword(db, { email: need(values, "email"), password: given });
      if (r.generated) out(r.password);
      info(
        `${r.generated ? "New password for" : "Password changed for"} ${r.member.email}${r.generated ? " (shown once, above)" : ""}; ${r.sessionsEnded} session(s) ended, ${r.appsDisconnected} connected app(s) disconnected.${r.member.active ? "" : " Note: this member is deactivated and cannot sign in until an admin reactivates them."}`,
      );
      return 0;
    }
    case "setup token": {
      if (!(await needsSetup(db))) {
        info(SETUP_DONE_MESSAGE);
        return 1;
      }
      const { token, expiresAt } = await createSetupToken(db);
      out(token);
      info(`One-time setup token (valid until ${expiresAt.toISOString()}): open /setup on the app and paste it to create the first admin.`);
      return 0;
    }
    case "keys create": {
      const a = await account();
      const { key, apiKey } = await createApiKey(db, {
        accountId: a.id,
        name: need(values, "name"),
        scopes: parseScopes(need(values, "scopes")),
      });
      out(key);
      info(`Created key ${apiKey.prefix} (${apiKey.scopes.join(", ")}) in "${a.name}". It will not be shown again.`);
      return 0;
    }
    case "keys list": {
      const a = await account();
      for (const k of await listApiKeys(db, a.id))
        out(
          `${k.id}\t${k.prefix}\t${k.name}\t${k.scopes.join(",")}\t${k.revokedAt ? "revoked" : "active"}\t${k.lastUsedAt?.toISOString() ?? "never used"}`,
        );
      return 0;
    }
    case "keys revoke": {
      const target = rest[0];
      if (!target) throw new AppError("validation_failed", "keys revoke: give the key's id or prefix (sb_…)");
      const a = await account();
      const k = await revokeApiKey(db, { accountId: a.id, idOrPrefix: target });
      info(`Revoked ${k.prefix} (${k.name}).`);
      return 0;
    }
    default:
      info(`Unknown command "${noun} ${verb}".\n\n${usage}`);
      return 2;
  }
}
