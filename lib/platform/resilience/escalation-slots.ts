import type { Config } from "@/lib/platform/config/env";
import { type Bulkhead, createBulkhead } from "@/lib/platform/resilience/bulkhead";

const holder = globalThis as typeof globalThis & { __switchboardEscalationSlots?: Bulkhead };

/**
 * The bulkhead in front of ask_human's database work (create the case, count who is online): at most
 * HITL_CREATE_CONCURRENCY at once per process, HITL_QUEUE_MAX more waiting up to HITL_QUEUE_TIMEOUT_MS;
 * beyond that the agent hears FALLBACK_BUSY at once. A burst then queues here, holding no connection,
 * instead of in the pool where it would starve the answers and the waits.
 */
export function escalationSlots(config: Config): Bulkhead {
  holder.__switchboardEscalationSlots ??= createBulkhead({
    limit: config.HITL_CREATE_CONCURRENCY,
    queueMax: config.HITL_QUEUE_MAX,
    queueTimeoutMs: config.HITL_QUEUE_TIMEOUT_MS,
  });
  return holder.__switchboardEscalationSlots;
}
