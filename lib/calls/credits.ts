import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { creditAccounts, creditLedger, type ActorType, type LedgerKind, type LedgerRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Credit primitives. Each runs inside the caller's transaction and starts by locking the account's
 * credit_accounts row (SELECT … FOR UPDATE), so concurrent holds are serialised per account and the
 * balance check and the write see the same numbers. The table's CHECKs (balance ≥ 0, 0 ≤ held ≤ balance)
 * are the last line of defence.
 */
export type CreditState = { balance: number; held: number; available: number };
export type Actor = { actorType: ActorType; actorId: string | null };
export const SYSTEM: Actor = { actorType: "system", actorId: null };

const state = (balance: number, held: number): CreditState => ({ balance, held, available: balance - held });

/** Locks (creating on first use, with the starting balance as a ledger grant) the account's credit row. */
export async function lockCredits(tx: Db, accountId: string, startingBalance: number): Promise<CreditState> {
  const inserted = await tx
    .insert(creditAccounts)
    .values({ accountId, balance: startingBalance })
    .onConflictDoNothing({ target: creditAccounts.accountId })
    .returning();
  if (inserted.length && startingBalance > 0) {
    await tx.insert(creditLedger).values({ accountId, kind: "grant", amount: startingBalance, balanceAfter: startingBalance, heldAfter: 0, ...SYSTEM, reason: "starting balance" });
  }
  const [row] = await tx.select().from(creditAccounts).where(eq(creditAccounts.accountId, accountId)).for("update");
  return state(row!.balance, row!.held);
}

type Entry = { accountId: string; kind: LedgerKind; amount: number; heldDelta: number; callId?: string | null; actor: Actor; reason?: string | null };

/** Applies one change to the locked row and appends its ledger entry. */
async function post(tx: Db, current: CreditState, e: Entry): Promise<{ state: CreditState; entry: LedgerRow }> {
  const balance = current.balance + e.amount;
  const held = current.held + e.heldDelta;
  if (balance < 0 || held < 0 || held > balance) throw new AppError("conflict", "Insufficient credits.", { ...current });
  await tx.update(creditAccounts).set({ balance, held, updatedAt: sql`now()` }).where(eq(creditAccounts.accountId, e.accountId));
  const [entry] = await tx
    .insert(creditLedger)
    .values({ accountId: e.accountId, kind: e.kind, amount: e.amount, heldDelta: e.heldDelta, balanceAfter: balance, heldAfter: held, callId: e.callId ?? null, actorType: e.actor.actorType, actorId: e.actor.actorId, reason: e.reason ?? null })
    .returning();
  return { state: state(balance, held), entry: entry! };
}

/** Reserves a call's maximum cost; refuses (402-style conflict) when the available credits do not cover it. */
export async function holdCredits(tx: Db, current: CreditState, a: { accountId: string; callId: string; amount: number; actor: Actor }) {
  if (a.amount > current.available) {
    throw new AppError("conflict", `Insufficient credits: this call needs ${a.amount} credits reserved (its maximum duration × the per-minute rate) and ${current.available} are available.`, {
      required: a.amount,
      available: current.available,
    });
  }
  return post(tx, current, { accountId: a.accountId, kind: "hold", amount: 0, heldDelta: a.amount, callId: a.callId, actor: a.actor, reason: "call started" });
}

/** Charges the actual cost and frees the whole hold in one entry (cost ≤ hold). */
export async function settleCredits(tx: Db, current: CreditState, a: { accountId: string; callId: string; hold: number; cost: number; reason: string }) {
  const cost = Math.min(a.cost, a.hold);
  return post(tx, current, { accountId: a.accountId, kind: "settle", amount: -cost, heldDelta: -a.hold, callId: a.callId, actor: SYSTEM, reason: a.reason });
}

/** Frees a call's hold without charging (failed, no answer, busy, canceled, or never placed). */
export async function releaseCredits(tx: Db, current: CreditState, a: { accountId: string; callId: string; hold: number; reason: string }) {
  return post(tx, current, { accountId: a.accountId, kind: "release", amount: 0, heldDelta: -a.hold, callId: a.callId, actor: SYSTEM, reason: a.reason });
}

/** Adds (or, with a negative amount, removes) credits by hand: who and why are recorded. */
export async function grantCredits(tx: Db, current: CreditState, a: { accountId: string; amount: number; actor: Actor; reason: string }) {
  if (a.amount < 0 && current.available + a.amount < 0) {
    throw new AppError("conflict", `Cannot remove ${-a.amount} credits: only ${current.available} are available.`, { available: current.available });
  }
  return post(tx, current, { accountId: a.accountId, kind: a.amount >= 0 ? "grant" : "adjust", amount: a.amount, heldDelta: 0, actor: a.actor, reason: a.reason });
}

/** Billed minutes round up: a 61-second call is two minutes. */
export const billedMinutes = (durationSeconds: number) => Math.ceil(Math.max(0, durationSeconds) / 60);
export const callCost = (durationSeconds: number, ratePerMinute: number) => billedMinutes(durationSeconds) * ratePerMinute;
