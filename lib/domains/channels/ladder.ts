import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { caseLadderSteps, cases, type CaseRow, type LadderStep } from "@/lib/adapters/db/schema";
import { channelByName } from "@/lib/domains/channels/registry";
import { syncChannelPosts } from "@/lib/domains/channels/sync-posts";
import { ladderOf, readChannelRow, slackTargetOf, smsTargetOf } from "@/lib/domains/channels/targets";
import { pageIfNobodyOnlineSoon, pageOnCall } from "@/lib/domains/notify/page-on-call";
import type { Deps } from "@/lib/platform/deps";
import { isAppError } from "@/lib/platform/errors";
import { log } from "@/lib/platform/log";
import { backoffPolicy, nextAttemptAt } from "@/lib/platform/resilience/backoff";

/** How far back the sweep looks: no ladder step waits longer than an hour (ladderSchema), and cases expire sooner. */
const HORIZON_MS = 65 * 60 * 1000;

/** Tries in all of a ladder step whose failure may pass (a rate limit, an outage, a time-out). */
export const LADDER_STEP_ATTEMPTS = 3;

/**
 * Takes one ladder step for one case, at most once at a time (the step's row is its claim) and only while the
 * case is still open: a claim anywhere stops the ladder. A failed step whose retry is due (`retry_at` ≤ now) is
 * claimed back by the same statement: its conflict update matches only such a row. What came of it is recorded
 * on the case (case_ladder_steps); a failure that may pass is given a retry_at until LADDER_STEP_ATTEMPTS tries.
 */
async function takeStep(deps: Deps, row: CaseRow, index: number, step: LadderStep, now: Date): Promise<boolean> {
  const [won] = await deps.db
    .insert(caseLadderSteps)
    .select(
      deps.db
        .select({
          caseId: cases.id,
          accountId: cases.accountId,
          step: sql<number>`${index}::int`.as("step"),
          channel: sql<string>`${step.channel}::text`.as("channel"),
          takenAt: sql<Date>`now()`.as("taken_at"),
          outcome: sql<string>`'started'::text`.as("outcome"),
          detail: sql<null>`null::jsonb`.as("detail"),
          attempts: sql<number>`1::smallint`.as("attempts"),
          retryAt: sql<null>`null::timestamptz`.as("retry_at"),
        })
        .from(cases)
        .where(and(eq(cases.id, row.id), eq(cases.status, "open"))),
    )
    .onConflictDoUpdate({
      target: [caseLadderSteps.caseId, caseLadderSteps.step],
      set: { outcome: "started", attempts: sql`${caseLadderSteps.attempts} + 1`, retryAt: null },
      setWhere: and(eq(caseLadderSteps.outcome, "failed"), lte(caseLadderSteps.retryAt, now)),
    })
    .returning({ attempts: caseLadderSteps.attempts });
  if (!won) return false;
  let outcome = "done";
  let detail: Record<string, unknown> | null = null;
  let retryAt: Date | null = null;
  try {
    if (step.channel === "ntfy") {
      const paged = await pageOnCall(deps, row, "unclaimed");
      outcome = paged ? "paged" : "skipped";
    } else {
      const r = await channelByName(step.channel).postCase(deps, row, { attempt: won.attempts });
      outcome = r.posted > 0 ? "posted" : "skipped";
      detail = { posted: r.posted, ...r.detail };
      // Claimed while the message was on its way: the claim's own sync ran before the post was recorded.
      if (r.posted > 0 && step.channel !== "console") await syncChannelPosts(deps, { caseId: row.id });
    }
  } catch (e) {
    outcome = "failed";
    // Our own errors say whether trying again may help; anything else (the database, say) may pass.
    const retryable = !isAppError(e) || e.details?.retryable !== false;
    if (retryable && won.attempts < LADDER_STEP_ATTEMPTS)
      retryAt = nextAttemptAt(won.attempts, backoffPolicy(deps.config, "ladder_steps"), { now: now.getTime() });
    const posted = isAppError(e) && typeof e.details?.posted === "number" ? { posted: e.details.posted } : {};
    detail = { error: e instanceof Error ? e.message : String(e), ...posted };
    log.warn({ caseId: row.id, channel: step.channel, attempt: won.attempts, retry: !!retryAt, err: detail.error }, "ladder step failed");
  }
  await deps.db
    .update(caseLadderSteps)
    .set({ outcome, detail, retryAt })
    .where(and(eq(caseLadderSteps.caseId, row.id), eq(caseLadderSteps.step, index)));
  return true;
}

type AccountLadder = { steps: LadderStep[]; slack: boolean; sms: boolean };

async function accountLadder(deps: Deps, accountId: string): Promise<AccountLadder> {
  const settings = await readChannelRow(deps.db, accountId);
  return { steps: ladderOf(deps, settings), slack: !!slackTargetOf(settings), sms: !!smsTargetOf(settings) };
}

/**
 * The steps of one case that are due at `now` and not yet taken, in order. A step on a channel the account
 * has not connected is passed over without a record (it would reach nobody).
 */
export async function advanceLadder(
  deps: Deps,
  row: CaseRow,
  opts: { now?: Date; ladder?: AccountLadder; taken?: ReadonlySet<number> } = {},
): Promise<number> {
  const ladder = opts.ladder ?? (await accountLadder(deps, row.accountId));
  const elapsed = (opts.now ?? new Date()).getTime() - row.createdAt.getTime();
  let taken = 0;
  for (const [i, step] of ladder.steps.entries()) {
    if (step.afterSeconds * 1000 > elapsed || opts.taken?.has(i)) continue;
    if ((step.channel === "slack" && !ladder.slack) || (step.channel === "sms" && !ladder.sms)) continue;
    if (await takeStep(deps, row, i, step, opts.now ?? new Date())) taken++;
  }
  return taken;
}

/**
 * Right after a case is created: its immediate steps (console, Slack), in the background; the sweep catches the
 * rest. When the ladder pages (an ntfy step) and nobody is online to answer, the page goes out at once rather
 * than after the step's delay; a ladder without an ntfy step never pages.
 */
export function startLadderSoon(deps: Deps, row: CaseRow): void {
  if (row.status !== "open") return;
  void (async () => {
    const ladder = await accountLadder(deps, row.accountId);
    if (ladder.steps.some((s) => s.channel === "ntfy")) pageIfNobodyOnlineSoon(deps, row);
    await advanceLadder(deps, row, { ladder });
  })().catch((e) => log.warn({ caseId: row.id, err: String(e) }, "ladder start deferred to the sweep"));
}

/** The sweep (maintenance job): every open case's due steps; the steps already taken come with the cases, in one read. */
export async function advanceLadders(deps: Deps, now = new Date(), limit = 200): Promise<number> {
  const open = await deps.db
    .select({
      row: cases,
      // Taken and not due again: a failed step past its retry_at is tried again below.
      taken: sql<
        number[] | null
      >`(select array_agg(s.step) from case_ladder_steps s where s.case_id = ${cases.id} and (s.retry_at is null or s.retry_at > ${now.toISOString()}::timestamptz))`,
    })
    .from(cases)
    .where(and(eq(cases.status, "open"), gt(cases.createdAt, new Date(now.getTime() - HORIZON_MS))))
    .orderBy(asc(cases.createdAt))
    .limit(limit);
  const ladders = new Map<string, AccountLadder>();
  let taken = 0;
  for (const { row, taken: done } of open) {
    if (!ladders.has(row.accountId)) ladders.set(row.accountId, await accountLadder(deps, row.accountId));
    taken += await advanceLadder(deps, row, { now, ladder: ladders.get(row.accountId), taken: new Set((done ?? []).map(Number)) });
  }
  return taken;
}

/** The steps taken for cases, for the console and admin. */
export async function ladderStepsFor(deps: Pick<Deps, "db">, accountId: string, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return deps.db
    .select()
    .from(caseLadderSteps)
    .where(and(eq(caseLadderSteps.accountId, accountId), inArray(caseLadderSteps.caseId, caseIds)))
    .orderBy(asc(caseLadderSteps.step));
}
