import type { Config } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/port";
import type { EventBus } from "@/lib/adapters/events/port";
import type { GolfProvider, GolfProviderName } from "@/lib/domains/golf/port";
import type { Kv } from "@/lib/adapters/kv/port";
import type { AnswerMatcher } from "@/lib/domains/memory/port";
import type { NotifyPort } from "@/lib/domains/notify/port";
import type { RealtimePublisher } from "@/lib/adapters/realtime/port";
import type { SheetsDrainer } from "@/lib/domains/sheets/port";
import type { TelephonyPort } from "@/lib/adapters/telephony/port";
import type { WeatherPort } from "@/lib/domains/weather/port";

/**
 * What domain functions need from the outside world, as ports only: no adapter is named here. The
 * composition root (lib/composition/deps.ts) builds the process's; tests build their own (tests/support/test-deps.ts).
 */
export type Deps = {
  db: Db;
  kv: Kv;
  bus: EventBus;
  config: Config;
  /** The process's phone provider (an account that connected Retell gets its own: lib/domains/calls/account-telephony.ts). */
  telephony: TelephonyPort;
  /** The vendor fan-out (Pusher, Supabase Realtime), or null for SSE, which reads the bus. */
  realtime: RealtimePublisher | null;
  notifier: NotifyPort;
  weather: WeatherPort;
  /** The Google Sheets drainer (one breaker per process). */
  sheets: SheetsDrainer;
  /** Answer memory's matcher: lexical, or embeddings (falling back to lexical) when MEMORY_EMBEDDINGS_URL is set. */
  answerMatcher: AnswerMatcher;
  /** The account's tee-time provider (its settings choose), or the one named. */
  golf: (accountId: string, name?: GolfProviderName) => Promise<GolfProvider>;
  /**
   * Tries an outbox right after the commit that filled it, rather than at the next maintenance pass. The domain
   * that writes the row need not know the one that works it off (hitl enqueues a callback call, calls places it):
   * the composition root routes each name to its dispatcher. Never throws; a failure waits for the next pass.
   */
  kick: (outbox: OutboxName) => void;
};

/** The outboxes a domain may kick after its commit (lib/composition/kicks.ts says who works each off). */
export type OutboxName = "phone-followups" | "channel-posts" | "live-answers";

/** `deps` with some fields replaced; the others stay lazy (a spread would build every adapter, and a misconfigured one would throw). */
export function withDeps<D extends Deps>(deps: D, patch: Partial<Deps>): D {
  return Object.defineProperties({} as D, { ...Object.getOwnPropertyDescriptors(deps), ...Object.getOwnPropertyDescriptors(patch) });
}
