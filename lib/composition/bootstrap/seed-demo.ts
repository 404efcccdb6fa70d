import type { Db } from "@/lib/adapters/db/client";
import { countAccounts, createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import { seedDemoCourse } from "@/lib/domains/golf/seed-demo-course";

export type DemoSeed = { accountId: string; apiKey: string; webhookSecret: string };

/**
 * On first start with an empty database: the demo account and an API key for it, returned once so the
 * caller can print them, and a demo golf course with tee sheets for the coming days. No member: nobody has to find a password in the terminal — the first person to
 * open the app creates the first admin at /setup (lib/domains/setup). Returns null when any account exists.
 */
export async function seedDemoIfEmpty(db: Db): Promise<DemoSeed | null> {
  return db.transaction(async (tx) => {
    if ((await countAccounts(tx)) > 0) return null;
    const { account, webhookSecret } = await createAccount(tx, { name: "Demo" });
    const { key } = await createApiKey(tx, {
      accountId: account.id,
      name: "Demo agent key",
      scopes: ["hitl:ask", "hitl:answer", "calls:read", "calls:write", "notify:send", "weather:read", "golf:read", "golf:write"],
    });
    await seedDemoCourse(tx, account.id);
    return { accountId: account.id, apiKey: key, webhookSecret };
  });
}

export function formatDemoSeed(c: DemoSeed): string {
  return [
    "",
    "┌ Switchboard demo account created (secrets shown once) ──────────────────",
    `│ API key (hitl:ask, hitl:answer, calls:read, calls:write, notify:send, weather:read, golf:read, golf:write): ${c.apiKey}`,
    `│ Callback signing secret: ${c.webhookSecret}`,
    "└──────────────────────────────────────────────────────────────────────────",
    "",
  ].join("\n");
}

/** Printed at every start while nobody can sign in: where to go. Holds no secret. */
export function formatSetupHint(origin: string): string {
  return `\n→ No admin yet: open ${origin}/ in a browser on this machine to create one (no password is printed).\n\n`;
}
