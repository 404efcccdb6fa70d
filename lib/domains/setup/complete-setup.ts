import { asc, sql } from "drizzle-orm";
import { z } from "zod";
import type { Config } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { accounts, members } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import { createMember } from "@/lib/domains/members/members";
import type { Scope } from "@/lib/domains/auth/principal";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { safeText } from "@/lib/platform/validation/safe-text";
import { consumeSetupToken } from "@/lib/domains/setup/setup-tokens";

export const setupInput = z.object({
  email: safeText().trim().min(1, "required").max(320),
  password: z.string().min(8, "must be at least 8 characters").max(200),
  name: safeText().trim().max(200).optional(),
  token: safeText().trim().max(200).optional(),
});

/** What the first API key may do: ask (the agent's tool), answer, and the phone-call tools — not administer. */
export const FIRST_KEY_SCOPES: Scope[] = [
  "hitl:ask",
  "hitl:answer",
  "calls:read",
  "calls:write",
  "notify:send",
  "weather:read",
  "golf:read",
  "golf:write",
];

/** Whether nobody can sign in yet: no member in any account. */
export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.select({ id: members.id }).from(members).limit(1)).length === 0;
}

export const SETUP_DONE_MESSAGE =
  "Switchboard is already set up: sign in, or ask an admin (a forgotten password: `switchboard members reset-password --email …`).";

/**
 * Creates the first admin (in the first account — the demo account when it was seeded — or a new one) and an
 * API key for the agent, in one transaction under an advisory lock, so two simultaneous setups make one admin
 * and the loser gets 409. `tokenFree` says the request already proved itself (loopback on the embedded
 * default); otherwise a setup token must be presented, and is used up.
 */
export async function completeSetup(
  db: Db,
  config: Pick<Config, "SETUP_TOKEN">,
  raw: z.input<typeof setupInput>,
  opts: { tokenFree: boolean },
) {
  const input = parseOrThrow(setupInput, raw);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('switchboard:first-run-setup', 0))`);
    if (!(await needsSetup(tx))) throw new AppError("conflict", SETUP_DONE_MESSAGE);
    if (!opts.tokenFree && !(await consumeSetupToken(tx, config, input.token))) {
      throw new AppError(
        "forbidden",
        input.token
          ? "token: not a valid setup token (it may have expired or been used); run `switchboard setup-token` for a new one."
          : "token: required here — run `switchboard setup-token` against this database (or set SETUP_TOKEN) and paste it.",
      );
    }
    const [first] = await tx.select({ id: accounts.id, name: accounts.name }).from(accounts).orderBy(asc(accounts.createdAt)).limit(1);
    const account = first ?? (await createAccount(tx, { name: "Switchboard" })).account;
    const member = await createMember(tx, account.id, {
      email: input.email,
      password: input.password,
      role: "admin",
      name: input.name || undefined,
    });
    const actor = { actorType: "member" as const, actorId: member.id };
    const { key, apiKey } = await createApiKey(tx, {
      accountId: account.id,
      name: "First agent key",
      scopes: FIRST_KEY_SCOPES,
      createdBy: actor,
    });
    return { account: { id: account.id, name: account.name }, member, key, apiKey };
  });
}
