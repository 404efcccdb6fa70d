import { and, eq } from "drizzle-orm";
import { channelPosts } from "@/lib/adapters/db/schema";
import type { Channel } from "@/lib/domains/channels/port";
import { readChannelRow, slackTargetOf } from "@/lib/domains/channels/targets";
import { caseMessage } from "@/lib/domains/channels/slack/blocks";
import { slackClient, slackError } from "@/lib/domains/channels/slack/client";

/** Slack: one message per case in the account's channel, updated in place as the case moves on. */
export const slackChannel: Channel = {
  name: "slack",
  async connected(deps, accountId) {
    return !!slackTargetOf(await readChannelRow(deps.db, accountId));
  },
  async postCase(deps, row, opts) {
    const target = slackTargetOf(await readChannelRow(deps.db, row.accountId));
    if (!target) return { posted: 0, detail: { skipped: "not connected" } };
    // A later attempt after one that posted but failed afterwards: the message is there already.
    if ((opts?.attempt ?? 1) > 1 && (await slackPostFor(deps, row.accountId, row.id)))
      return { posted: 1, detail: { channel: target.channelId } };
    const client = await slackClient(deps.config, target.botToken);
    const res = await client.chat.postMessage({ channel: target.channelId, ...caseMessage(row, null) }).catch((e) => {
      throw slackError(e, "the message");
    });
    await deps.db
      .insert(channelPosts)
      .values({
        accountId: row.accountId,
        caseId: row.id,
        channel: "slack",
        recipient: res.channel ?? target.channelId,
        externalRef: res.ts ?? null,
      })
      .onConflictDoNothing();
    return { posted: 1, detail: { channel: target.channelId } };
  },
  async showCase(deps, post, row, holder) {
    if (!post.externalRef) return;
    const target = slackTargetOf(await readChannelRow(deps.db, row.accountId));
    if (!target) return;
    const client = await slackClient(deps.config, target.botToken);
    await client.chat.update({ channel: post.recipient, ts: post.externalRef, ...caseMessage(row, holder) }).catch((e) => {
      throw slackError(e, "the message update");
    });
  },
};

/** The Slack message posted for a case, if any. */
export async function slackPostFor(deps: { db: import("@/lib/adapters/db/client").Db }, accountId: string, caseId: string) {
  const [post] = await deps.db
    .select()
    .from(channelPosts)
    .where(and(eq(channelPosts.accountId, accountId), eq(channelPosts.caseId, caseId), eq(channelPosts.channel, "slack")))
    .limit(1);
  return post ?? null;
}
