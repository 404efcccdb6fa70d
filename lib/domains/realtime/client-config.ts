import { getConfig, type Config } from "@/lib/platform/config/env";
import type { Principal } from "@/lib/domains/auth/principal";
import type { RealtimeClientConfig } from "@/lib/adapters/realtime/events";
import { pusherChannelFor, supabaseTopicFor } from "@/lib/adapters/realtime/port";
import { mintRealtimeToken } from "@/lib/adapters/realtime/supabase/mint-token";

/** The token's subject and account for a principal. */
export const realtimeAudience = (p: Principal) => ({ subject: p.kind === "member" ? p.memberId : p.keyId, accountId: p.accountId });

export const PUSHER_AUTH_PATH = "/api/realtime/pusher/auth";
export const SUPABASE_TOKEN_PATH = "/api/realtime/supabase/token";

/**
 * The browser side's settings for this principal, computed per request and passed as props from a server
 * component: the driver is runtime configuration, not baked into the build. Holds public keys only
 * (Pusher key, Supabase anon key) plus, for Supabase, a token scoped to the principal's account.
 */
export function getRealtimeClientConfig(principal: Principal, config: Config = getConfig()): RealtimeClientConfig {
  if (config.realtimeDriver === "pusher") {
    return {
      driver: "pusher",
      key: config.PUSHER_KEY!,
      // pusher-js insists on a cluster even with a custom host; it is ignored then.
      cluster: config.PUSHER_CLUSTER ?? "mt1",
      ...(config.PUSHER_HOST ? { wsHost: config.PUSHER_HOST } : {}),
      ...(config.PUSHER_PORT ? { wsPort: config.PUSHER_PORT } : {}),
      forceTLS: config.PUSHER_USE_TLS,
      channel: pusherChannelFor(principal.accountId),
      authEndpoint: PUSHER_AUTH_PATH,
    };
  }
  if (config.realtimeDriver === "supabase") {
    return {
      driver: "supabase",
      url: config.SUPABASE_URL!,
      anonKey: config.SUPABASE_ANON_KEY!,
      topic: supabaseTopicFor(principal.accountId),
      ...mintRealtimeToken(config, realtimeAudience(principal)),
      tokenEndpoint: SUPABASE_TOKEN_PATH,
    };
  }
  return { driver: "sse", url: "/api/events", heartbeatMs: config.REALTIME_SSE_HEARTBEAT_SECONDS * 1000 };
}
