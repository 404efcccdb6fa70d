import { and, desc, eq } from "drizzle-orm";
import { channelPosts, members } from "@/lib/adapters/db/schema";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { choiceByNumber } from "@/lib/domains/channels/choices";
import { replyFromChannel } from "@/lib/domains/channels/reply";
import { readChannelRow, smsTargetOf } from "@/lib/domains/channels/targets";
import { verifyTwilioSignature } from "@/lib/domains/channels/sms/signature";
import { twiml } from "@/lib/domains/channels/sms/twilio";
import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";
import { isUuid } from "@/lib/platform/validation/uuid";

/**
 * POST /api/channels/sms/<account id>/inbound — Twilio's incoming-message webhook. Order: account (404) →
 * X-Twilio-Signature over the URL and form with the account's auth token (401) → sender must be a member's
 * phone → the case: the post whose short code starts the reply, else the latest SMS sent to that phone →
 * `1`/`2`/… picks a choice, anything else is the answer. The first valid reply wins; a later one hears that
 * it was already answered. Answers TwiML.
 */
export async function handleSmsInbound(
  deps: Deps,
  input: { accountId: string; url: string; signature: string | null; form: URLSearchParams },
): Promise<string> {
  const { accountId } = input;
  const target = isUuid(accountId) ? smsTargetOf(await readChannelRow(deps.db, accountId)) : null;
  if (!target) throw new AppError("not_found", "No SMS channel is connected for this account.");
  const params = Object.fromEntries(input.form.entries());
  if (!verifyTwilioSignature(target.authToken, input.signature, input.url, params))
    throw new AppError("unauthorized", "X-Twilio-Signature does not verify with this account's Twilio auth token.");
  const from = params.From ?? "";
  let text = (params.Body ?? "").trim();
  const [member] = await deps.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.accountId, accountId), eq(members.phone, from), eq(members.active, true)))
    .limit(1);
  if (!member) return twiml("This number is not an on-call member's.");

  const first = /^([A-Za-z0-9]{4})\b\s*/.exec(text);
  let post = first
    ? (
        await deps.db
          .select()
          .from(channelPosts)
          .where(
            and(
              eq(channelPosts.accountId, accountId),
              eq(channelPosts.shortCode, first[1]!.toUpperCase()),
              eq(channelPosts.recipient, from),
            ),
          )
          .limit(1)
      )[0]
    : undefined;
  if (post) text = text.slice(first![0].length).trim();
  else {
    [post] = await deps.db
      .select()
      .from(channelPosts)
      .where(and(eq(channelPosts.accountId, accountId), eq(channelPosts.channel, "sms"), eq(channelPosts.recipient, from)))
      .orderBy(desc(channelPosts.createdAt))
      .limit(1);
  }
  if (!post) return twiml("There is no question waiting for you.");
  const row = await getCaseOrThrow(deps.db, accountId, post.caseId);
  const choice = choiceByNumber(row, text);
  const outcome = await replyFromChannel(deps, {
    accountId,
    memberId: member.id,
    caseId: post.caseId,
    channel: "sms",
    reply: choice !== null ? { action: "answer", choice } : { action: "answer", text },
  });
  return twiml(outcome.ok ? `Thanks, your answer [${post.shortCode}] went to the caller.` : outcome.message);
}
