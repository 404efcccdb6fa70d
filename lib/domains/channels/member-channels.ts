import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { members } from "@/lib/adapters/db/schema";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { onCallHoursSchema } from "@/lib/domains/channels/on-call";
import { readChannelRow, slackTargetOf } from "@/lib/domains/channels/targets";
import { slackClient } from "@/lib/domains/channels/slack/client";
import { publicMember } from "@/lib/domains/members/members";
import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { isUuid } from "@/lib/platform/validation/uuid";

export const memberChannelsInput = z
  .object({
    slackUserId: z
      .string({ message: "must be a string" })
      .regex(/^[UW][A-Z0-9]{2,30}$/, "must be a Slack user id (U…) as the lookup found it")
      .nullable()
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +15551234567")
      .nullable()
      .optional(),
    onCall: onCallHoursSchema.nullable().optional().describe("null: never on call."),
  })
  .strict();

async function memberOrThrow(deps: Pick<Deps, "db">, accountId: string, memberId: string) {
  const [m] = isUuid(memberId)
    ? await deps.db
        .select()
        .from(members)
        .where(and(eq(members.id, memberId), eq(members.accountId, accountId)))
        .limit(1)
    : [];
  if (!m) throw new AppError("not_found", "No such member.");
  return m;
}

/** The Slack user with the member's email (users.lookupByEmail), or null. */
async function slackUserByEmail(deps: Deps, accountId: string, email: string) {
  const target = slackTargetOf(await readChannelRow(deps.db, accountId));
  if (!target) throw new AppError("conflict", "Connect Slack first (Admin → Channels).");
  const client = await slackClient(deps.config, target.botToken);
  const res = await client.users.lookupByEmail({ email }).catch((e: { data?: { error?: string } }) => {
    if (e?.data?.error === "users_not_found") return null;
    throw new AppError("unavailable", `Slack could not look the email up: ${e?.data?.error ?? "unreachable"}.`);
  });
  const u = res?.user;
  return u?.id ? { slackUserId: u.id, name: u.real_name ?? u.name ?? null } : null;
}

/** POST /api/members/{id}/slack-lookup (admin): who the member is on Slack, by their email, for the admin to confirm. */
export async function lookupMemberSlackUser(deps: Deps, principal: Principal, memberId: string) {
  assertScope(principal, "admin");
  const m = await memberOrThrow(deps, principal.accountId, memberId);
  const found = await slackUserByEmail(deps, principal.accountId, m.email);
  if (!found) throw new AppError("not_found", `No Slack user in the connected workspace has the email ${m.email}.`);
  return found;
}

/**
 * PATCH /api/members/{id}/channels (admin): the member's Slack user (only the one the email lookup finds: the
 * admin confirms that lookup), SMS phone and on-call hours. Audited.
 */
export async function updateMemberChannels(deps: Deps, principal: Principal, memberId: string, raw: unknown) {
  assertScope(principal, "admin");
  const input = parseOrThrow(memberChannelsInput, raw);
  const m = await memberOrThrow(deps, principal.accountId, memberId);
  if (input.slackUserId) {
    const found = await slackUserByEmail(deps, principal.accountId, m.email);
    if (found?.slackUserId !== input.slackUserId)
      throw new AppError("validation_failed", "slackUserId: is not the Slack user with this member's email (look it up again).");
  }
  const set: Partial<typeof members.$inferInsert> = {};
  if (input.slackUserId !== undefined) set.slackUserId = input.slackUserId;
  if (input.phone !== undefined) set.phone = input.phone;
  if (input.onCall !== undefined) set.onCall = input.onCall;
  if (Object.keys(set).length === 0) return { member: publicMember(m) };
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.update(members).set(set).where(eq(members.id, m.id)).returning();
    await recordAudit(tx, {
      accountId: principal.accountId,
      entityType: "member",
      entityId: m.id,
      action: "member.channels_set",
      ...actorOf(principal),
      data: { changed: Object.keys(set) },
    });
    return { member: publicMember(row!) };
  });
}
