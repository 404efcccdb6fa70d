import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { accounts } from "@/lib/adapters/db/schema";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { actorOf, hasScope, type Principal } from "@/lib/domains/auth/principal";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/**
 * Who may make Switchboard place a late-answer callback call (a billed call to a number the agent
 * passed in). A key with calls:write may place any call anyway; a hitl:ask-only key — the most widely
 * handed-out key — only when an admin turned callbacks on for the account, and only to numbers that
 * start with one of the account's allowed prefixes. Otherwise the case records why (toll fraud guard).
 */
export type CallbackPolicy = { askKeyCallbacksEnabled: boolean; callbackNumberPrefixes: string[] };

export const callbackPolicyInput = z
  .object({
    askKeyCallbacksEnabled: z.boolean({ message: "must be true or false" }),
    callbackNumberPrefixes: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\+[1-9]\d{0,14}$/, "each prefix must be + and 1–15 digits, e.g. +1415"),
        { message: "must be a list of number prefixes" },
      )
      .max(100, "at most 100 prefixes"),
  })
  .partial();

export async function getCallbackPolicy(db: Db, accountId: string): Promise<CallbackPolicy> {
  const [row] = await db
    .select({ askKeyCallbacksEnabled: accounts.askKeyCallbacksEnabled, callbackNumberPrefixes: accounts.callbackNumberPrefixes })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  return row ?? { askKeyCallbacksEnabled: false, callbackNumberPrefixes: [] };
}

/** GET /api/settings/callbacks (admin). */
export async function readCallbackPolicy(deps: Pick<Deps, "db">, principal: Principal): Promise<CallbackPolicy> {
  assertScope(principal, "admin");
  return getCallbackPolicy(deps.db, principal.accountId);
}

/** PATCH /api/settings/callbacks (admin): turn callbacks for hitl:ask keys on/off, set the prefix allow-list. */
export async function updateCallbackPolicy(deps: Pick<Deps, "db">, principal: Principal, raw: unknown): Promise<CallbackPolicy> {
  assertScope(principal, "admin");
  const patch = parseOrThrow(callbackPolicyInput, raw);
  if (patch.callbackNumberPrefixes) patch.callbackNumberPrefixes = [...new Set(patch.callbackNumberPrefixes)];
  return deps.db.transaction(async (tx) => {
    if (Object.keys(patch).length) await tx.update(accounts).set(patch).where(eq(accounts.id, principal.accountId));
    const policy = await getCallbackPolicy(tx, principal.accountId);
    await recordAudit(tx, {
      accountId: principal.accountId,
      entityType: "account",
      entityId: principal.accountId,
      action: "account.callback_policy_updated",
      ...actorOf(principal),
      data: policy,
    });
    return policy;
  });
}

/** Null when a callback to `phone` may be placed for a case this principal asks; else the reason it may not. */
export function callbackRefusal(principal: Principal, policy: CallbackPolicy, phone: string): string | null {
  if (hasScope(principal, "calls:write")) return null;
  const base = "No callback call will be placed: the asking credential lacks the calls:write scope";
  if (!policy.askKeyCallbacksEnabled)
    return `${base}, and the account does not allow callbacks for hitl:ask keys (an admin can turn them on, with allowed number prefixes).`;
  if (!policy.callbackNumberPrefixes.some((p) => phone.startsWith(p)))
    return `${base}, and ${phone} does not start with one of the account's allowed callback prefixes.`;
  return null;
}
