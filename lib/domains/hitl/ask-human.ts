import type { Deps } from "@/lib/platform/deps";
import type { AgentPlatformId } from "@/lib/platform/agent-platform-ids";
import type { CaseRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { countAnswerersOnline } from "@/lib/domains/presence/presence";
import { createCase, caseIdForSession } from "@/lib/domains/hitl/create-case";
import { withdrawCase } from "@/lib/domains/hitl/close-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { waitForCase, type WaitOptions } from "@/lib/domains/hitl/wait-for-case";
import { recordWaitOutcome, type WaitOutcome } from "@/lib/domains/hitl/record-wait-outcome";
import type { ToolResult } from "@/lib/domains/hitl/schemas";
import { log } from "@/lib/platform/log";
import { markAgentReleased } from "@/lib/domains/hitl/phone-followups";
import { withDatabaseGuard } from "@/lib/adapters/db/guard";
import { waitLane } from "@/lib/adapters/db/client";
import { escalationSlots } from "@/lib/platform/resilience/escalation-slots";

type WaitHooks = Pick<WaitOptions, "signal" | "onProgress">;
/** Where the escalation came from, and (Retell) how long its caller may wait; MCP's 55 s by default. */
type AskOptions = WaitHooks & { source?: "mcp" | "test" | AgentPlatformId; maxTimeoutSeconds?: number };

/** What the agent hears: the answer, or a fallback sentence it can say as is. */
export function resultFromCase(deps: Deps, row: CaseRow, opts: { nobodyOnline?: boolean } = {}): ToolResult {
  const c = deps.config;
  switch (row.status) {
    case "answered": {
      // A saved answer (lib/domains/memory) answered at once (answered_from_memory): the agent may say so differently.
      // The picked choice beside the answer, when there is one (absent, not null: the field is optional).
      const choice = row.choice ? { choice: row.choice } : {};
      const status = row.memoryAnswerId ? "answered_from_memory" : "answered";
      return { status, caseId: row.id, answer: row.answer!, ...choice, message: row.answer! };
    }
    case "cancelled":
      return { status: "cancelled", caseId: row.id, message: c.FALLBACK_CANCELLED };
    case "expired":
      return { status: "unavailable", caseId: row.id, message: c.FALLBACK_UNAVAILABLE };
    default:
      return opts.nobodyOnline
        ? { status: "unavailable", caseId: row.id, message: c.FALLBACK_UNAVAILABLE }
        : { status: "pending", caseId: row.id, message: c.FALLBACK_TIMEOUT };
  }
}

/**
 * How many people could answer now: console heartbeats first (the common case, and all /api/mcp loads), then
 * on-call members on Slack and SMS, whose code loads only when nobody is at a console.
 */
async function countReachable(deps: Deps, accountId: string): Promise<number> {
  const { online } = await countAnswerersOnline(deps, accountId);
  if (online > 0) return online;
  const { countReachableOffConsole } = await import("@/lib/domains/channels/reachability");
  return (await countReachableOffConsole(deps, accountId)).total;
}

/** ask_human: create (or find) the case, then wait for a person — unless nobody is online to answer. */
export async function askHuman(deps: Deps, principal: Principal, input: unknown, opts: AskOptions = {}): Promise<ToolResult> {
  const { source = "mcp", maxTimeoutSeconds, ...hooks } = opts;
  // A test escalation is an answerer asking their own queue (lib/domains/hitl/send-test-escalation.ts).
  assertScope(principal, source === "test" ? "hitl:answer" : "hitl:ask");
  // In a slot of the escalation bulkhead (a burst queues there; past its bounds the agent hears FALLBACK_BUSY)
  // and behind the database breaker: during an outage the agent hears FALLBACK_UNREACHABLE within about
  // HITL_DB_TIMEOUT_MS (at once while the breaker is open) instead of a transport error.
  const asked = Date.now();
  const { row, online } = await escalationSlots(deps.config).run(() =>
    withDatabaseGuard(deps.config, async () => {
      const created = await createCase(deps, principal, input, { source, maxTimeoutSeconds });
      const open = created.case.status === "open" || created.case.status === "claimed";
      // Anyone reachable on any channel (console, Slack or SMS on call) counts: the caller then waits.
      return { row: created.case, online: open ? await countReachable(deps, principal.accountId) : 0 };
    }),
  );
  if (row.status !== "open" && row.status !== "claimed") return resultFromCase(deps, row);
  if (online === 0) {
    await recordWaitOutcome(deps.db, principal.accountId, row.id, "unavailable");
    await markAgentReleased(deps, row.id);
    return resultFromCase(deps, row, { nobodyOnline: true });
  }
  // The wait counts from the call, not from the case: time queued for a slot comes off it (MCP clients stop at 60 s).
  const remainingMs = Math.min(row.waitDeadlineAt.getTime(), asked + row.timeoutSeconds * 1000) - Date.now();
  const timeoutMs = remainingMs > 0 ? remainingMs : row.timeoutSeconds * 1000;
  const started = Date.now();
  const final = await waitForCase(deps, { accountId: principal.accountId, caseId: row.id, timeoutMs, ...hooks });
  const result = resultFromCase(deps, final);
  // A case that was waited on was never answered from memory (that happens at creation, before any wait).
  const outcome = (result.status === "answered_from_memory" ? "answered" : result.status) as WaitOutcome;
  // On the waits' lane (one short statement), and not awaited for an answer: the agent need not wait for
  // bookkeeping, and if it is lost the metrics read an answered case as answered anyway.
  const noted = recordWaitOutcome(waitLane(deps.db), principal.accountId, row.id, hooks.signal?.aborted ? "disconnected" : outcome);
  if (outcome !== "answered") await noted;
  if (result.status === "pending") await markAgentReleased(deps, row.id);
  log.info(
    {
      tool: "ask_human",
      accountId: principal.accountId,
      caseId: row.id,
      waitedMs: Date.now() - started,
      outcome: hooks.signal?.aborted ? "client_disconnected" : result.status,
    },
    "escalation wait ended",
  );
  return result;
}

/** get_human_answer: the case's answer now, or after waiting up to `waitSeconds` while it is open. */
export async function getHumanAnswer(
  deps: Deps,
  principal: Principal,
  input: { caseId?: string; sessionId?: string; waitSeconds?: number },
  hooks: WaitHooks = {},
): Promise<ToolResult> {
  assertScope(principal, "hitl:ask", "hitl:answer");
  const caseId = input.caseId ?? (input.sessionId ? await caseIdForSession(deps, principal.accountId, input.sessionId) : null);
  if (!caseId) throw new AppError("validation_failed", "caseId: required (or a sessionId that created a case in the last hour)");
  const waitMs = Math.round((input.waitSeconds ?? 0) * 1000);
  const row =
    waitMs > 0
      ? await waitForCase(deps, { accountId: principal.accountId, caseId, timeoutMs: waitMs, ...hooks })
      : await getCaseOrThrow(deps.db, principal.accountId, caseId);
  return resultFromCase(deps, row);
}

/** cancel_human_request: withdraw the question; if a person already answered, say the answer instead. */
export async function cancelHumanRequest(deps: Deps, principal: Principal, input: { caseId: string }): Promise<ToolResult> {
  assertScope(principal, "hitl:ask");
  return resultFromCase(deps, await withdrawCase(deps, principal, input.caseId));
}
