import type { Db } from "@/lib/db/client";
import { countAccounts, createAccount } from "@/lib/accounts/accounts";
import { createApiKey } from "@/lib/auth/api-keys";
import { createMember } from "@/lib/auth/members";
import { randomToken } from "@/lib/auth/secrets";
import { seedDemoCourse } from "@/lib/golf/seed-demo-course";

export type DemoCredentials = { accountId: string; operatorEmail: string; operatorPassword: string; apiKey: string; webhookSecret: string };

/**
 * On first start with an empty database: a demo account, operator and API key, returned once so the
 * caller can print them, and a demo golf course with its tee sheets for the coming days. Returns null when any account exists. Runs in one transaction.
 */
export async function seedDemoIfEmpty(db: Db): Promise<DemoCredentials | null> {
  return db.transaction(async (tx) => {
    if ((await countAccounts(tx)) > 0) return null;
    const { account, webhookSecret } = await createAccount(tx, { name: "Demo" });
    const operatorPassword = randomToken(12);
    await createMember(tx, account.id, { email: "operator@demo.switchboard.local", password: operatorPassword, role: "admin", name: "Demo Operator" });
    const { key } = await createApiKey(tx, { accountId: account.id, name: "Demo agent key", scopes: ["hitl:ask", "hitl:answer", "calls:read", "calls:write", "notify:send", "weather:read", "golf:read", "golf:write"] });
    await seedDemoCourse(tx, account.id);
    return { accountId: account.id, operatorEmail: "operator@demo.switchboard.local", operatorPassword, apiKey: key, webhookSecret };
  });
}

export function formatDemoCredentials(c: DemoCredentials): string {
  return [
    "",
    "┌ Switchboard demo account created (shown once — save these now) ─────────",
    `│ Operator (admin) sign-in: ${c.operatorEmail} / ${c.operatorPassword}`,
    `│ API key (hitl:ask, hitl:answer, calls:read, calls:write, notify:send, weather:read, golf:read, golf:write): ${c.apiKey}`,
    `│ Callback signing secret: ${c.webhookSecret}`,
    "└──────────────────────────────────────────────────────────────────────────",
    "",
  ].join("\n");
}
