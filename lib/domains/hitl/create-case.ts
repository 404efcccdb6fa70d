import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { AgentPlatformId } from "@/lib/platform/agent-platform-ids";
import { cases, caseMessages, type CaseRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { sha256 } from "@/lib/domains/auth/secrets";
import { createCaseSchemaFor, type PublicCase } from "@/lib/domains/hitl/schemas";
import { presentCase } from "@/lib/domains/hitl/case-view";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { callerPhone } from "@/lib/domains/hitl/phone-followups";
import { callbackRefusal, getCallbackPolicy } from "@/lib/domains/hitl/callback-policy";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";
import { isDependencyDown } from "@/lib/platform/resilience/dependency-error";
import { log } from "@/lib/platform/log";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/** Retell retries a failed tool request; the same callId + question within this window is the same case. */
const DEDUPE_WINDOW_MS = 2 * 60_000;
const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const SESSION_TTL_MS = 3600_000;

export type CaseSource = "mcp" | "api" | "test" | AgentPlatformId;
export type CreateCaseResult = { case: CaseRow; created: boolean };

/**
 * Creates an escalation case, or returns the one an earlier identical request created:
 * the same `idempotencyKey`, or without one the same `callId` + `question` within 2 minutes.
 */
export async function createCase(
  deps: Deps,
  principal: Principal,
  raw: unknown,
  opts: { source: CaseSource; maxTimeoutSeconds?: number },
): Promise<CreateCaseResult> {
  // A test escalation is an answerer sending a question to their own queue (lib/domains/hitl/send-test-escalation.ts).
  assertScope(principal, opts.source === "test" ? "hitl:answer" : "hitl:ask");
  const input = parseOrThrow(createCaseSchemaFor(opts.maxTimeoutSeconds ?? 55), raw);
  const accountId = principal.accountId;
  // The outbound guard and the memory matcher load on first use, not with every route that can reach this file
  // (scripts/route-bundles.ts holds /api/cases to its budget).
  if (input.callbackUrl) {
    const { assertCallbackUrlAllowed } = await import("@/lib/domains/hitl/callback-target");
    await assertCallbackUrlAllowed(deps.config, input.callbackUrl);
  }
  if (input.choicesOnly && !input.choices) throw new AppError("validation_failed", "choicesOnly: only valid with choices");
  // A phone follow-up needs a number to call.
  const phone = input.followUp === "phone" ? callerPhone(input.callerInfo) : null;
  if (input.followUp === "phone" && !phone) {
    throw new AppError("validation_failed", "callerInfo.phone: required as an E.164 number (e.g. +14155550123) when followUp is phone");
  }
  // A callback is a billed call: calls:write, or the account's allow-list (lib/domains/calls/callback-policy.ts).
  const followUpRefused = phone ? callbackRefusal(principal, await getCallbackPolicy(deps.db, accountId), phone) : null;

  const dedupeHash = input.callId ? sha256(`${input.callId}\n${input.question}`) : null;
  const kvKey = input.idempotencyKey
    ? `idem:${accountId}:${sha256(input.idempotencyKey)}`
    : dedupeHash
      ? `dedupe:${accountId}:${dedupeHash}`
      : null;

  // Fast path for retries: the kv remembers which case a key produced. Only a shortcut: without kv the
  // advisory lock and row check below still find the earlier case.
  if (kvKey) {
    const known = await kvOrNull(() => deps.kv.get(kvKey));
    if (known) {
      const existing = await getCaseOrThrow(deps.db, accountId, known).catch(() => null);
      if (existing) return { case: existing, created: false };
    }
  }

  // Answer memory: an approved saved answer answers at once and nobody is paged (lib/domains/memory).
  const memory = await import("@/lib/domains/memory/answer-from-memory");
  const offered = { choices: input.choices ?? null, choicesOnly: input.choicesOnly ?? false };
  const fromMemory = await memory.lookUpMemoryAnswer(deps, accountId, input.question, opts.source, offered);

  const result = await deps.db.transaction(async (tx) => {
    if (kvKey) {
      // Serialise concurrent retries of the same request; the row check below is the truth.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${kvKey}, 0))`);
      const [existing] = input.idempotencyKey
        ? await tx
            .select()
            .from(cases)
            .where(and(eq(cases.accountId, accountId), eq(cases.idempotencyKey, input.idempotencyKey)))
            .limit(1)
        : await tx
            .select()
            .from(cases)
            .where(
              and(
                eq(cases.accountId, accountId),
                eq(cases.dedupeHash, dedupeHash!),
                gt(cases.createdAt, new Date(Date.now() - DEDUPE_WINDOW_MS)),
              ),
            )
            .orderBy(desc(cases.createdAt))
            .limit(1);
      if (existing) return { case: existing, created: false };
    }
    const now = Date.now();
    const timeoutSeconds = input.timeoutSeconds ?? deps.config.HITL_DEFAULT_TIMEOUT_SECONDS;
    const [row] = await tx
      .insert(cases)
      .values({
        accountId,
        question: input.question,
        context: input.context ?? null,
        sessionId: input.sessionId ?? null,
        callId: input.callId ?? null,
        agentId: input.agentId ?? null,
        callerInfo: input.callerInfo ?? null,
        priority: input.priority ?? 3,
        urgency: input.urgency ?? "medium",
        conversationHistory: input.conversationHistory ?? [],
        timeoutSeconds,
        waitDeadlineAt: new Date(now + timeoutSeconds * 1000),
        expiresAt: new Date(now + deps.config.CASE_TTL_MINUTES * 60_000),
        idempotencyKey: input.idempotencyKey ?? null,
        dedupeHash,
        callbackUrl: input.callbackUrl ?? null,
        followUp: input.followUp ?? null,
        followUpRefused,
        source: opts.source,
        createdByKeyId: principal.kind === "api_key" ? principal.keyId : null,
        ...offered,
        ...(fromMemory ? memory.memoryAnsweredColumns(fromMemory, new Date(now), offered.choices) : {}),
      })
      .returning();
    // The rest depends only on the row: sent together, postgres.js pipelines them in one round trip.
    await Promise.all([
      tx.insert(caseMessages).values({
        caseId: row!.id,
        accountId,
        senderType: "agent",
        senderKeyId: principal.kind === "api_key" ? principal.keyId : null,
        senderMemberId: principal.kind === "member" ? principal.memberId : null,
        content: input.question,
      }),
      enqueueSheetEvents(tx, [{ entityType: "case", entityId: row!.id, accountId, event: "open", occurredAt: row!.createdAt }]),
      recordAudit(tx, {
        accountId,
        entityType: "case",
        entityId: row!.id,
        action: "case.created",
        toStatus: "open",
        ...actorOf(principal),
        data: { source: opts.source },
      }),
    ]);
    // After the question: the saved answer follows it in the thread.
    if (fromMemory) await memory.recordMemoryAnswer(tx, { accountId, caseId: row!.id, match: fromMemory, now: new Date(now) });
    return { case: row!, created: true };
  });

  if (kvKey) {
    // The retry window runs from the case's creation, not from this request.
    const window = input.idempotencyKey ? IDEMPOTENCY_TTL_MS : DEDUPE_WINDOW_MS;
    const ttlMs = window - (Date.now() - result.case.createdAt.getTime());
    if (ttlMs > 0) await kvOrNull(() => deps.kv.set(kvKey, result.case.id, { ttlMs }));
  }
  if (result.created) {
    if (input.sessionId)
      await kvOrNull(() => deps.kv.set(`session:${accountId}:${input.sessionId}`, result.case.id, { ttlMs: SESSION_TTL_MS }));
    if (result.case.memoryAnswerId) {
      const { countUse } = await import("@/lib/domains/memory/search");
      await countUse(deps, accountId, [result.case.memoryAnswerId], "autoUsedCount");
      return result;
    }
    await publishCaseEvent(deps, {
      type: "case.created",
      accountId,
      caseId: result.case.id,
      status: "open",
      priority: result.case.priority,
      urgency: result.case.urgency,
    });
    // The ladder (Slack, SMS, pages, including the page at once when nobody is online) loads on first use: /api/cases and /api/mcp stay small.
    const row = result.case;
    void import("@/lib/domains/channels/ladder")
      .then((m) => m.startLadderSoon(deps, row))
      .catch((e) => log.warn({ caseId: row.id, err: String(e) }, "ladder start deferred to the sweep"));
  }
  return result;
}

/** POST /api/cases: createCase, returning the case as the API shows it (ask_human keeps the row to wait on). */
export async function createPublicCase(
  deps: Deps,
  principal: Principal,
  raw: unknown,
  opts: { source: CaseSource },
): Promise<{ case: PublicCase; created: boolean }> {
  const { case: row, created } = await createCase(deps, principal, raw, opts);
  return { case: await presentCase(deps.db, row), created };
}

/** The latest case an agent session created (HITL session correlation, kept in kv for an hour; the database answers while kv is away). */
export async function caseIdForSession(deps: Deps, accountId: string, sessionId: string): Promise<string | null> {
  try {
    return await deps.kv.get(`session:${accountId}:${sessionId}`);
  } catch (e) {
    if (!isDependencyDown(e, "kv")) throw e;
    const [row] = await deps.db
      .select({ id: cases.id })
      .from(cases)
      .where(
        and(eq(cases.accountId, accountId), eq(cases.sessionId, sessionId), gt(cases.createdAt, new Date(Date.now() - SESSION_TTL_MS))),
      )
      .orderBy(desc(cases.createdAt))
      .limit(1);
    return row?.id ?? null;
  }
}

/** A kv shortcut that may be skipped: null (and a log line) while kv is unreachable. */
async function kvOrNull<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (!isDependencyDown(e, "kv")) throw e;
    log.debug({ err: String(e) }, "kv unreachable: skipped a cache read/write");
    return null;
  }
}
