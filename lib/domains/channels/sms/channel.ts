import { randomInt } from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import { channelPosts, members, type CaseRow } from "@/lib/adapters/db/schema";
import { caseChoices } from "@/lib/domains/channels/choices";
import { isOnCallAt } from "@/lib/domains/channels/on-call";
import type { Channel } from "@/lib/domains/channels/port";
import { readChannelRow, smsTargetOf } from "@/lib/domains/channels/targets";
import { sendSms } from "@/lib/domains/channels/sms/twilio";
import type { Db } from "@/lib/adapters/db/client";
import { AppError, isAppError } from "@/lib/platform/errors";
import { log } from "@/lib/platform/log";

// No 0/O or 1/I: a code read off a phone screen is typed back without doubt.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newCode = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The active members with a phone who are on call now. */
export async function onCallPhones(db: Db, accountId: string, now = new Date()) {
  const rows = await db
    .select({ id: members.id, phone: members.phone, onCall: members.onCall })
    .from(members)
    .where(and(eq(members.accountId, accountId), eq(members.active, true), isNotNull(members.phone)));
  return rows.filter((m) => isOnCallAt(m.onCall, now)) as { id: string; phone: string }[];
}

export function smsText(row: CaseRow, code: string): string {
  const { choices, choicesOnly } = caseChoices(row);
  const lines = [`Switchboard [${code}]: a caller asks: ${clip(row.question, 600)}`];
  if (choices) lines.push(choices.map((c, i) => `${i + 1}. ${c}`).join("\n"));
  lines.push(
    choices
      ? choicesOnly
        ? "Reply with a number."
        : "Reply with a number or your answer."
      : `Reply with your answer (start with ${code} if you have several open).`,
  );
  return lines.join("\n");
}

/** SMS: each on-call member with a phone gets the question and a short code; their reply answers (sms/inbound.ts). */
export const smsChannel: Channel = {
  name: "sms",
  async connected(deps, accountId) {
    return !!smsTargetOf(await readChannelRow(deps.db, accountId)) && (await onCallPhones(deps.db, accountId)).length > 0;
  },
  async postCase(deps, row, opts) {
    const target = smsTargetOf(await readChannelRow(deps.db, row.accountId));
    if (!target) return { posted: 0, detail: { skipped: "not connected" } };
    // A later attempt: whoever an earlier one reached is not texted again; whoever it failed keeps their code.
    const earlier = new Map<string, { shortCode: string | null; externalRef: string | null }>();
    if ((opts?.attempt ?? 1) > 1)
      for (const p of await deps.db
        .select({ recipient: channelPosts.recipient, shortCode: channelPosts.shortCode, externalRef: channelPosts.externalRef })
        .from(channelPosts)
        .where(and(eq(channelPosts.caseId, row.id), eq(channelPosts.channel, "sms"))))
        earlier.set(p.recipient, p);
    let posted = 0;
    const failures: unknown[] = [];
    for (const m of await onCallPhones(deps.db, row.accountId)) {
      const before = earlier.get(m.phone);
      if (before?.externalRef) {
        posted++;
        continue;
      }
      // The short code is unique per account (an index): a clash draws again.
      let code = before?.shortCode ?? "";
      for (let attempt = 0; attempt < 5 && !code; attempt++) {
        const candidate = newCode();
        const [ins] = await deps.db
          .insert(channelPosts)
          .values({ accountId: row.accountId, caseId: row.id, channel: "sms", recipient: m.phone, shortCode: candidate })
          .onConflictDoNothing()
          .returning({ id: channelPosts.id });
        if (ins) code = candidate;
      }
      if (!code) continue;
      try {
        const sid = await sendSms(deps.config, target, m.phone, smsText(row, code));
        await deps.db
          .update(channelPosts)
          .set({ externalRef: sid })
          .where(and(eq(channelPosts.caseId, row.id), eq(channelPosts.shortCode, code)));
        posted++;
      } catch (e) {
        failures.push(e);
        log.warn({ caseId: row.id, err: e instanceof Error ? e.message : String(e) }, "SMS to an on-call member failed");
      }
    }
    // Someone on call was not reached: the step failed, and is tried again for them when that may help.
    if (failures.length) {
      const retryable = failures.some((e) => isAppError(e) && e.details?.retryable === true);
      const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      throw new AppError("unavailable", `${failures.length} of ${failures.length + posted} SMS failed: ${first}`, {
        posted,
        failed: failures.length,
        retryable,
      });
    }
    return { posted };
  },
};
