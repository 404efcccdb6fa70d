import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { applyCallUpdates } from "@/lib/domains/calls/apply-call-update-batch";
import type { Deps } from "@/lib/platform/deps";
import { calls } from "@/lib/adapters/db/schema";
import { log } from "@/lib/platform/log";

/** Calls resolved per run at most; the rest wait for the next run (oldest first). */
const LIMIT = 1000;

/**
 * Calls whose placing process died after reserving (row + credit hold written) and before the provider
 * accepted them stay `queued` with no provider id, and hold credits, forever: nothing will ever hear about
 * them. Past CALL_UNPLACED_GRACE_SECONDS (far longer than a placement can take) they are marked `failed`,
 * their hold is released and the timeline says why — through the same update path as everything else, so
 * exactly once; the update re-checks under the row lock that the call is still unplaced, so a placement
 * that did finish meanwhile wins. Returns how many calls were resolved.
 */
export async function resolveUnplacedCalls(deps: Deps): Promise<number> {
  const grace = deps.config.CALL_UNPLACED_GRACE_SECONDS;
  const stale = await deps.db
    .select({ id: calls.id, accountId: calls.accountId })
    .from(calls)
    .where(
      and(eq(calls.status, "queued"), isNull(calls.providerCallId), lt(calls.createdAt, sql`now() - make_interval(secs => ${grace}::int)`)),
    )
    .orderBy(asc(calls.createdAt))
    .limit(LIMIT);
  if (!stale.length) return 0;
  const outcomes = await applyCallUpdates(
    deps,
    stale.map((c) => ({
      callId: c.id,
      accountId: c.accountId,
      update: {
        status: "failed" as const,
        endReason: `not placed: the call was never handed to the provider (no answer from the placing process within ${grace} s)`,
      },
      source: "unplaced_timeout",
      onlyIf: (row) => row.status === "queued" && row.providerCallId === null,
    })),
  );
  const resolved = outcomes.filter((o) => o.ok && o.result.applied).length;
  const failed = outcomes.filter((o) => !o.ok);
  if (resolved || failed.length)
    log.warn({ resolved, failed: failed.length, graceSeconds: grace }, "unplaced calls marked failed, holds released");
  return resolved;
}
