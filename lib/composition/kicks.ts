import type { Deps, OutboxName } from "@/lib/platform/deps";
import { log } from "@/lib/platform/log";

/**
 * Who works off each outbox when a domain kicks it (Deps.kick). Imported on the kick, so a route that never
 * fills an outbox never loads its dispatcher, and the domain that enqueues never imports the one that dispatches.
 */
const DISPATCHERS: Record<OutboxName, () => Promise<(deps: Deps) => Promise<unknown>>> = {
  "phone-followups": async () => (await import("@/lib/domains/calls/dispatch-followups")).dispatchPhoneFollowups,
  "channel-posts": async () => (await import("@/lib/domains/channels/sync-posts")).syncChannelPostsKicked,
  "live-answers": async () => (await import("@/lib/domains/calls/dispatch-live-answers")).dispatchLiveAnswers,
};

export function kickOutbox(deps: Deps, outbox: OutboxName): void {
  void DISPATCHERS[outbox]()
    .then((dispatch) => dispatch(deps))
    .catch((e) => log.warn({ outbox, err: e instanceof Error ? e.message : String(e) }, "outbox kick deferred to the next pass"));
}
