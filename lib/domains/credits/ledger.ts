import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { creditAccounts, creditLedger, type ActorType, type LedgerKind, type LedgerRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";

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
    await tx.insert(creditLedger).values({
      accountId,
      kind: "grant",
      amount: startingBalance,
      balanceAfter: startingBalance,
      heldAfter: 0,
      ...SYSTEM,
      reason: "starting balance",
    });
  }
  const [row] = await tx.select().from(creditAccounts).where(eq(creditAccounts.accountId, accountId)).for("update");
  return state(row!.balance, row!.held);
}

export type Entry = {
  accountId: string;
  kind: LedgerKind;
  amount: number;
  heldDelta: number;
  callId?: string | null;
  actor: Actor;
  reason?: string | null;
};

/**
 * Applies changes of one account, in order, to its locked row: every step is checked against the
 * invariants, then the row is written once and the ledger gets one entry per change (one multi-row insert).
 */
export async function postEntries(tx: Db, current: CreditState, entries: Entry[]): Promise<{ state: CreditState; entries: LedgerRow[] }> {
  let s = current;
  const values = entries.map((e) => {
    const balance = s.balance + e.amount;
    const held = s.held + e.heldDelta;
    if (balance < 0 || held < 0 || held > balance) throw new AppError("conflict", "Insufficient credits.", { ...s });
    s = state(balance, held);
    return {
      accountId: e.accountId,
      kind: e.kind,
      amount: e.amount,
      heldDelta: e.heldDelta,
      balanceAfter: balance,
      heldAfter: held,
      callId: e.callId ?? null,
      actorType: e.actor.actorType,
      actorId: e.actor.actorId,
      reason: e.reason ?? null,
    };
  });
  if (!values.length) return { state: s, entries: [] };
  await tx
    .update(creditAccounts)
    .set({ balance: s.balance, held: s.held, updatedAt: sql`now()` })
    .where(eq(creditAccounts.accountId, entries[0]!.accountId));
  return { state: s, entries: await tx.insert(creditLedger).values(values).returning() };
}

/** Applies one change to the locked row and appends its ledger entry. */
async function post(tx: Db, current: CreditState, e: Entry): Promise<{ state: CreditState; entry: LedgerRow }> {
  const r = await postEntries(tx, current, [e]);
  return { state: r.state, entry: r.entries[0]! };
}

/** Reserves a call's maximum cost; refuses (402-style conflict) when the available credits do not cover it. */
export async function holdCredits(tx: Db, current: CreditState, a: { accountId: string; callId: string; amount: number; actor: Actor }) {
  if (a.amount > current.available) {
    throw new AppError(
      "conflict",
      `Insufficient credits: this call needs ${a.amount} credits reserved (its maximum duration × the per-minute rate) and ${current.available} are available.`,
      {
        required: a.amount,
        available: current.available,
      },
    );
  }
  return post(tx, current, {
    accountId: a.accountId,
    kind: "hold",
    amount: 0,
    heldDelta: a.amount,
    callId: a.callId,
    actor: a.actor,
    reason: "call started",
  });
}

/** The entry that charges a call's actual cost and frees its whole hold (cost ≤ hold). */
export const settleEntry = (a: { accountId: string; callId: string; hold: number; cost: number; reason: string }): Entry => ({
  accountId: a.accountId,
  kind: "settle",
  amount: -Math.min(a.cost, a.hold),
  heldDelta: -a.hold,
  callId: a.callId,
  actor: SYSTEM,
  reason: a.reason,
});

/** The entry that frees a call's hold without charging (failed, no answer, busy, canceled, or never placed). */
export const releaseEntry = (a: { accountId: string; callId: string; hold: number; reason: string }): Entry => ({
  accountId: a.accountId,
  kind: "release",
  amount: 0,
  heldDelta: -a.hold,
  callId: a.callId,
  actor: SYSTEM,
  reason: a.reason,
});

/** Charges the actual cost and frees the whole hold in one entry (cost ≤ hold). */
export async function settleCredits(tx: Db, current: CreditState, a: Parameters<typeof settleEntry>[0]) {
  return post(tx, current, settleEntry(a));
}

/** Frees a call's hold without charging. */
export async function releaseCredits(tx: Db, current: CreditState, a: Parameters<typeof releaseEntry>[0]) {
  return post(tx, current, releaseEntry(a));
}

/** Adds (or, with a negative amount, removes) credits by hand: who and why are recorded. */
export async function grantCredits(tx: Db, current: CreditState, a: { accountId: string; amount: number; actor: Actor; reason: string }) {
  if (a.amount < 0 && current.available + a.amount < 0) {
    throw new AppError("conflict", `Cannot remove ${-a.amount} credits: only ${current.available} are available.`, {
      available: current.available,
    });
  }
  return post(tx, current, {
    accountId: a.accountId,
    kind: a.amount >= 0 ? "grant" : "adjust",
    amount: a.amount,
    heldDelta: 0,
    actor: a.actor,
    reason: a.reason,
  });
}

/** Billed minutes round up: a 61-second call is two minutes. */
export const billedMinutes = (durationSeconds: number) => Math.ceil(Math.max(0, durationSeconds) / 60);
export const callCost = (durationSeconds: number, ratePerMinute: number) => billedMinutes(durationSeconds) * ratePerMinute;
