import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createAccount, listAccounts, resolveAccount, rotateWebhookSecret } from "@/lib/accounts/accounts";
import { createApiKey, listApiKeys, parseScopes, revokeApiKey } from "@/lib/auth/api-keys";
import { createMember, listMembers } from "@/lib/auth/members";
import { runNotifyCommand } from "@/cli/notify-commands";

type Invocation = { noun: string; verb: string; rest: string[]; values: Record<string, string | boolean | undefined> };

const out = (line: string) => process.stdout.write(`${line}\n`);
const info = (line: string) => process.stderr.write(`${line}\n`);

function need(values: Invocation["values"], name: string): string {
  const v = values[name];
  if (typeof v !== "string" || !v.trim()) throw new AppError("validation_failed", `--${name} is required`);
  return v;
}

export async function runCommand(db: Db, { noun, verb, rest, values }: Invocation, usage: string): Promise<number> {
  const account = () => resolveAccount(db, values.account as string | undefined);
  if (noun === "notify") return runNotifyCommand(db, verb, values, (await account()).id);
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
    case "keys create": {
      const a = await account();
      const { key, apiKey } = await createApiKey(db, { accountId: a.id, name: need(values, "name"), scopes: parseScopes(need(values, "scopes")) });
      out(key);
      info(`Created key ${apiKey.prefix} (${apiKey.scopes.join(", ")}) in "${a.name}". It will not be shown again.`);
      return 0;
    }
    case "keys list": {
      const a = await account();
      for (const k of await listApiKeys(db, a.id))
        out(`${k.id}\t${k.prefix}\t${k.name}\t${k.scopes.join(",")}\t${k.revokedAt ? "revoked" : "active"}\t${k.lastUsedAt?.toISOString() ?? "never used"}`);
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
