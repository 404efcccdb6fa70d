import { and, eq, isNotNull } from "drizzle-orm";
import { members } from "@/lib/adapters/db/schema";
import { isOnCallAt } from "@/lib/domains/channels/on-call";
import { readChannelRow, slackTargetOf, smsTargetOf } from "@/lib/domains/channels/targets";
import { countAnswerersOnline } from "@/lib/domains/presence/presence";
import type { Deps } from "@/lib/platform/deps";

export type Reachable = { console: number; slack: number; sms: number; total: number };

/**
 * Who could answer a case now, on any channel: console heartbeats; members linked to Slack who are on call,
 * when Slack is connected; members with a phone who are on call, when SMS is connected. The console is
 * counted first, so the common case (someone at a console) costs what it did before.
 */
export async function countReachable(deps: Pick<Deps, "kv" | "db">, accountId: string, now = new Date()): Promise<Reachable> {
  const { online } = await countAnswerersOnline(deps, accountId);
  if (online > 0) return { console: online, slack: 0, sms: 0, total: online };
  return { console: 0, ...(await countReachableOffConsole(deps, accountId, now)) };
}

/** Who could answer when nobody is at a console: on-call members on Slack and SMS, when those are connected. */
export async function countReachableOffConsole(
  deps: Pick<Deps, "db">,
  accountId: string,
  now = new Date(),
): Promise<Omit<Reachable, "console">> {
  const settings = await readChannelRow(deps.db, accountId);
  const slack = !!slackTargetOf(settings);
  const sms = !!smsTargetOf(settings);
  if (!slack && !sms) return { slack: 0, sms: 0, total: 0 };
  const rows = await deps.db
    .select({ slackUserId: members.slackUserId, phone: members.phone, onCall: members.onCall })
    .from(members)
    .where(and(eq(members.accountId, accountId), eq(members.active, true), isNotNull(members.onCall)));
  const onCall = rows.filter((m) => isOnCallAt(m.onCall, now));
  const s = slack ? onCall.filter((m) => m.slackUserId).length : 0;
  const t = sms ? onCall.filter((m) => m.phone).length : 0;
  return { slack: s, sms: t, total: s + t };
}
