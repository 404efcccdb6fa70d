import { eq, sql } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { Db } from "@/lib/adapters/db/client";
import { callPreferences } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { preferencesSchema, type EffectivePreferences } from "@/lib/domains/calls/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/** The account's call defaults: its saved preferences over the server's CALL_DEFAULT_* settings. */
export async function effectivePreferences(db: Db, deps: Pick<Deps, "config">, accountId: string): Promise<EffectivePreferences> {
  const [p] = await db.select().from(callPreferences).where(eq(callPreferences.accountId, accountId)).limit(1);
  const c = deps.config;
  return {
    voice: p?.voice ?? c.CALL_DEFAULT_VOICE,
    model: p?.model ?? c.CALL_DEFAULT_MODEL,
    firstSentence: p?.firstSentence ?? null,
    language: p?.language ?? c.CALL_DEFAULT_LANGUAGE,
    maxDurationMinutes: Math.min(p?.maxDurationMinutes ?? c.CALL_DEFAULT_MAX_DURATION_MINUTES, c.CALL_MAX_DURATION_LIMIT_MINUTES),
    record: p?.record ?? c.CALL_DEFAULT_RECORD,
  };
}

export async function getCallPreferences(deps: Deps, principal: Principal): Promise<EffectivePreferences> {
  assertScope(principal, "calls:read");
  return effectivePreferences(deps.db, deps, principal.accountId);
}

/** Sets the given fields (null clears one back to the server default); others stay as they are. */
export async function updateCallPreferences(deps: Deps, principal: Principal, raw: unknown): Promise<EffectivePreferences> {
  assertScope(principal, "calls:write");
  const input = parseOrThrow(preferencesSchema, raw);
  const limit = deps.config.CALL_MAX_DURATION_LIMIT_MINUTES;
  if (input.maxDurationMinutes && input.maxDurationMinutes > limit)
    throw new AppError("validation_failed", `maxDurationMinutes: must be at most ${limit}`);
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const actor = actorOf(principal);
  await deps.db
    .insert(callPreferences)
    .values({ accountId: principal.accountId, ...set, updatedByType: actor.actorType, updatedById: actor.actorId })
    .onConflictDoUpdate({
      target: callPreferences.accountId,
      set: { ...set, updatedAt: sql`now()`, updatedByType: actor.actorType, updatedById: actor.actorId },
    });
  return effectivePreferences(deps.db, deps, principal.accountId);
}
