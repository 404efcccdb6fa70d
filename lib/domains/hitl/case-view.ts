import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { apiKeys, calls, members, type CaseRow, type MessageRow } from "@/lib/adapters/db/schema";
import type { PublicCase, PublicMessage } from "@/lib/domains/hitl/schemas";

type Names = Map<string, string>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function holder(memberId: string | null, keyId: string | null, names: Names): PublicCase["claimedBy"] {
  if (memberId) return { type: "member", id: memberId, name: names.get(memberId) ?? "a teammate" };
  if (keyId) return { type: "api_key", id: keyId, name: names.get(keyId) ?? "an integration" };
  return null;
}

/** Names of the members and keys that hold or answered these cases. */
export async function holderNames(db: Db, rows: CaseRow[]): Promise<Names> {
  const memberIds = [...new Set(rows.flatMap((r) => [r.claimedByMemberId, r.answeredByMemberId]).filter((x): x is string => !!x))];
  const keyIds = [...new Set(rows.flatMap((r) => [r.claimedByKeyId, r.answeredByKeyId]).filter((x): x is string => !!x))];
  const names: Names = new Map();
  if (memberIds.length) {
    for (const m of await db
      .select({ id: members.id, name: members.name, email: members.email })
      .from(members)
      .where(inArray(members.id, memberIds)))
      names.set(m.id, m.name || m.email);
  }
  if (keyIds.length) {
    for (const k of await db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, keyIds)))
      names.set(k.id, k.name);
  }
  return names;
}

export function toPublicCase(row: CaseRow, names: Names = new Map(), linkedCalls: Names = new Map()): PublicCase {
  return {
    id: row.id,
    status: row.status,
    question: row.question,
    context: row.context,
    sessionId: row.sessionId,
    callId: row.callId,
    source: row.source,
    agentId: row.agentId,
    callerInfo: row.callerInfo ?? null,
    priority: row.priority,
    urgency: row.urgency,
    conversationHistory: row.conversationHistory ?? [],
    timeoutSeconds: row.timeoutSeconds,
    waitDeadlineAt: row.waitDeadlineAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    idempotencyKey: row.idempotencyKey,
    callbackUrl: row.callbackUrl,
    answer: row.answer,
    claimedBy: holder(row.claimedByMemberId, row.claimedByKeyId, names),
    answeredBy: holder(row.answeredByMemberId, row.answeredByKeyId, names),
    claimedAt: iso(row.claimedAt),
    answeredAt: iso(row.answeredAt),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    followUp: row.followUp ?? null,
    followUpCallId: row.followUpCallId ?? null,
    lateAnswerDelivery: row.lateAnswerDelivery ?? null,
    followUpRefused: row.followUpRefused ?? null,
    pagedAt: iso(row.pagedAt ?? null),
    linkedCallId: (row.callId && linkedCalls.get(row.callId)) || null,
    memoryAnswerId: row.memoryAnswerId ?? null,
    choices: row.choices ?? null,
    choicesOnly: row.choicesOnly ?? false,
    choice: row.choice ?? null,
  };
}

/**
 * The stored calls these cases were escalated during (provider call id → our call id), one query per account:
 * the link is (account, cases.call_id = calls.provider_call_id), whichever of case and call came first.
 */
export async function linkedCallIds(db: Db, rows: CaseRow[]): Promise<Names> {
  const links: Names = new Map();
  const byAccount = new Map<string, Set<string>>();
  for (const r of rows) if (r.callId) byAccount.set(r.accountId, (byAccount.get(r.accountId) ?? new Set()).add(r.callId));
  for (const [accountId, ids] of byAccount) {
    const found = await db
      .select({ id: calls.id, providerCallId: calls.providerCallId })
      .from(calls)
      .where(and(eq(calls.accountId, accountId), inArray(calls.providerCallId, [...ids])));
    for (const c of found) links.set(c.providerCallId!, c.id);
  }
  return links;
}

export async function presentCases(db: Db, rows: CaseRow[]): Promise<PublicCase[]> {
  const [names, links] = await Promise.all([holderNames(db, rows), linkedCallIds(db, rows)]);
  return rows.map((r) => toPublicCase(r, names, links));
}

export async function presentCase(db: Db, row: CaseRow): Promise<PublicCase> {
  return (await presentCases(db, [row]))[0]!;
}

export function toPublicMessage(m: MessageRow): PublicMessage {
  const createdAt = m.createdAt.toISOString();
  const message = { id: m.id, caseId: m.caseId, senderType: m.senderType, content: m.content, createdAt };
  return { ...message, case_id: m.caseId, sender_type: m.senderType, created_at: createdAt };
}
