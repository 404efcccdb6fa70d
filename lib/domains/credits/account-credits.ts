import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import { creditLedger, type LedgerRow } from "@/lib/adapters/db/schema";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { grantCredits, lockCredits } from "@/lib/domains/credits/ledger";
import { addCreditsSchema, type Credits } from "@/lib/domains/calls/schemas";
import { queryInt } from "@/lib/platform/validation/numbers";
import { parseOrThrow } from "@/lib/platform/validation/parse";

const toEntry = (e: LedgerRow): Credits["ledger"][number] => ({
  id: e.id,
  kind: e.kind,
  amount: e.amount,
  heldDelta: e.heldDelta,
  balanceAfter: e.balanceAfter,
  heldAfter: e.heldAfter,
  callId: e.callId,
  actor: { type: e.actorType, id: e.actorId },
  reason: e.reason,
  createdAt: e.createdAt.toISOString(),
});

/** Balance and the most recent ledger entries (creating the account's credits with the starting balance on first use). */
export async function readCredits(deps: Deps, accountId: string, limit = 20): Promise<Credits> {
  const state = await deps.db.transaction((tx) => lockCredits(tx, accountId, deps.config.CREDITS_STARTING_BALANCE));
  const ledger = await deps.db
    .select()
    .from(creditLedger)
    .where(eq(creditLedger.accountId, accountId))
    .orderBy(desc(creditLedger.id))
    .limit(Math.min(Math.max(limit, 1), 200));
  return { ...state, ratePerMinute: deps.config.CALL_RATE_PER_MINUTE, ledger: ledger.map(toEntry) };
}

const creditsQuery = z.object({ limit: queryInt({ min: 1, max: 200 }).optional() });

/** get_credits / GET /api/credits (`limit` as a number or a query-string value: whole, 1–200). */
export async function getCredits(deps: Deps, principal: Principal, opts: { limit?: unknown } = {}): Promise<Credits> {
  assertScope(principal, "calls:read");
  const parsed = parseOrThrow(creditsQuery, opts);
  return readCredits(deps, principal.accountId, parsed.limit);
}

/** add_credits / POST /api/credits: admins only; the ledger records who and why. */
export async function addCredits(deps: Deps, principal: Principal, raw: unknown): Promise<Credits> {
  assertScope(principal, "admin");
  const { amount, reason } = parseOrThrow(addCreditsSchema, raw);
  await deps.db.transaction(async (tx) => {
    const current = await lockCredits(tx, principal.accountId, deps.config.CREDITS_STARTING_BALANCE);
    await grantCredits(tx, current, { accountId: principal.accountId, amount, actor: actorOf(principal), reason });
  });
  return readCredits(deps, principal.accountId);
}
