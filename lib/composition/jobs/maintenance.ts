import type { Deps } from "@/lib/platform/deps";
import { expireCases } from "@/lib/domains/hitl/close-case";
import { deliverDueCallbacks } from "@/lib/domains/hitl/callbacks";
import { dispatchPhoneFollowups } from "@/lib/domains/calls/dispatch-followups";
import { dispatchLiveAnswers } from "@/lib/domains/calls/dispatch-live-answers";
import { deliverDueNotifications } from "@/lib/domains/notify/deliver";
import { advanceLadders } from "@/lib/domains/channels/ladder";
import { syncChannelPosts } from "@/lib/domains/channels/sync-posts";

/**
 * One pass of the periodic work: expire stale cases, send due callbacks, speak late answers into live calls, place due
 * late-answer callback calls, retry queued push notifications, take the escalation ladders' due steps (Slack, SMS,
 * the on-call page). Safe to run anywhere, any time.
 */
export async function runMaintenance(deps: Deps) {
  const expired = await expireCases(deps);
  const callbacks = await deliverDueCallbacks(deps);
  // Live answers first: one that falls back enqueues its callback for the pass below.
  const liveAnswers = await dispatchLiveAnswers(deps);
  const phoneFollowups = await dispatchPhoneFollowups(deps);
  const notifications = await deliverDueNotifications(deps);
  const ladderSteps = await advanceLadders(deps);
  const channelPosts = await syncChannelPosts(deps);
  return { expired, callbacks, liveAnswers, phoneFollowups, notifications, ladderSteps, channelPosts };
}
