import type { Deps } from "@/lib/platform/deps";
import { toCaseEvent } from "@/lib/adapters/realtime/port";
import type { CaseEvent } from "@/lib/adapters/realtime/events";

/**
 * Server-side subscription to one account's case events, whatever the browser driver: every driver's
 * events go through the bus first (see publishCaseEvent). Resolves once live; returns the unsubscribe.
 */
export async function subscribeAccountEvents(
  deps: Pick<Deps, "bus">,
  accountId: string,
  handler: (event: CaseEvent) => void,
): Promise<() => void> {
  return deps.bus.subscribe(`account:${accountId}`, (e) => {
    if (e.accountId === accountId) handler(toCaseEvent(e));
  });
}
