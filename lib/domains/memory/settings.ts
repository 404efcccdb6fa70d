import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "@/lib/adapters/db/client";
import type { MemoryDeps } from "@/lib/domains/memory/port";
import { memoryAnswers, memorySettings } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { memorySettingsPatch } from "@/lib/domains/memory/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/** approvedEntries counts up to this many: it only has to tell none from some. */
export const APPROVED_COUNT_CAP = 1000;

export type MemorySettings = {
  /** Whether callers are answered from approved entries without a person (effective value). */
  autoAnswer: boolean;
  /** What an admin chose: true/false, or null for the default (on once an entry is approved). */
  autoAnswerSetting: boolean | null;
  threshold: number;
  /** null = MEMORY_AUTO_THRESHOLD. */
  thresholdSetting: number | null;
  defaultThreshold: number;
  approvedEntries: number;
};

/** The account's memory settings, with the defaults applied. */
export async function getMemorySettings(deps: MemoryDeps, accountId: string): Promise<MemorySettings> {
  const [row] = await deps.db.select().from(memorySettings).where(eq(memorySettings.accountId, accountId)).limit(1);
  // Counted up to a cap: an exact count of 100,000 approved entries on every ask_human would cost more than the search.
  const [approved] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(
    deps.db
      .select({ id: memoryAnswers.id })
      .from(memoryAnswers)
      .where(and(eq(memoryAnswers.accountId, accountId), eq(memoryAnswers.approvedForAuto, true)))
      .limit(APPROVED_COUNT_CAP)
      .as("approved"),
  );
  const approvedEntries = Number(approved?.n ?? 0);
  const autoAnswerSetting = row?.autoAnswer ?? null;
  const defaultThreshold = deps.config.MEMORY_AUTO_THRESHOLD;
  return {
    autoAnswer: autoAnswerSetting ?? approvedEntries > 0,
    autoAnswerSetting,
    threshold: row?.threshold ?? defaultThreshold,
    thresholdSetting: row?.threshold ?? null,
    defaultThreshold,
    approvedEntries,
  };
}

/** What a search needs of the settings: whether automatic answers are on, and the threshold. */
export type AutoAnswerSettings = { autoAnswer: boolean; threshold: number; anyApproved: boolean };

/**
 * The effective automatic-answer settings in one round trip (ask_human and search_answers read them on
 * every call): the account's row, if any, and whether any approved entry exists (`exists` stops at the first).
 */
export async function getAutoAnswerSettings(deps: MemoryDeps, accountId: string): Promise<AutoAnswerSettings> {
  const [row] = await queryRows<{ auto_answer: boolean | null; threshold: number | null; any_approved: boolean }>(
    deps.db,
    sql`select s.auto_answer, s.threshold,
               exists (select 1 from memory_answers m where m.account_id = ${accountId} and m.approved_for_auto) as any_approved
        from (select 1) one left join memory_settings s on s.account_id = ${accountId}`,
  );
  return {
    autoAnswer: row?.auto_answer ?? row?.any_approved === true,
    threshold: row?.threshold ?? deps.config.MEMORY_AUTO_THRESHOLD,
    anyApproved: row?.any_approved === true,
  };
}

/** PATCH /api/memory/settings {autoAnswer?, threshold?} — null resets a field to its default. */
export async function updateMemorySettings(deps: MemoryDeps, principal: Principal, raw: unknown): Promise<MemorySettings> {
  assertScope(principal, "admin");
  const patch = parseOrThrow(memorySettingsPatch, raw);
  const set = {
    ...(patch.autoAnswer !== undefined ? { autoAnswer: patch.autoAnswer } : {}),
    ...(patch.threshold !== undefined ? { threshold: patch.threshold } : {}),
    updatedAt: new Date(),
  };
  await deps.db
    .insert(memorySettings)
    .values({ accountId: principal.accountId, ...set })
    .onConflictDoUpdate({ target: memorySettings.accountId, set });
  return getMemorySettings(deps, principal.accountId);
}
