import { randomUUID } from "node:crypto";
import type { Deps } from "@/lib/platform/deps";
import type { BusEvent } from "@/lib/adapters/events/port";
import { toCaseEvent } from "@/lib/adapters/realtime/port";
import { log } from "@/lib/platform/log";
import { recordVendorPublish } from "@/lib/adapters/realtime/vendor-status";

export type CaseEventInput = Omit<BusEvent, "id" | "at"> & { at?: string };

const VENDOR_TIMEOUT_MS = 5000;

/**
 * The one place a case change is announced: on the event bus (waking waiting tool calls and feeding SSE on
 * every instance) and, when a vendor driver is configured, to Pusher / Supabase Realtime — from here,
 * once, rather than from a bus subscriber that every instance would run.
 * The change is already committed, so a bus or vendor failure is logged, not thrown: browsers resync on
 * reconnect and waiting tool calls are woken by the database safety net.
 */
export async function publishCaseEvent(deps: Pick<Deps, "bus" | "realtime">, input: CaseEventInput): Promise<void> {
  const event: BusEvent = { ...input, id: randomUUID(), at: input.at ?? new Date().toISOString() };
  try {
    await deps.bus.publish(event);
  } catch (e) {
    // Committed already: waiting calls elsewhere are woken by the database safety net, browsers resync.
    log.warn({ caseId: event.caseId, type: event.type, err: e instanceof Error ? e.message : String(e) }, "event bus publish failed");
  }
  const vendor = deps.realtime;
  if (!vendor) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      vendor.publish(event.accountId, toCaseEvent(event)),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${VENDOR_TIMEOUT_MS} ms`)), VENDOR_TIMEOUT_MS)),
      ),
    ]);
    recordVendorPublish(true);
  } catch (e) {
    recordVendorPublish(false, e instanceof Error ? e.message : String(e));
    log.warn(
      { driver: vendor.driver, caseId: event.caseId, type: event.type, err: e instanceof Error ? e.message : String(e) },
      "realtime vendor publish failed",
    );
  } finally {
    clearTimeout(timer);
  }
}
