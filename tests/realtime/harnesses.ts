import type { Principal } from "@/lib/domains/auth/principal";
import type { Deps } from "@/lib/platform/deps";
import type { ConnectOptions } from "@/lib/adapters/realtime/client/port";
import { getRealtimeClientConfig } from "@/lib/domains/realtime/client-config";
import type { RealtimeClientConfig } from "@/lib/adapters/realtime/events";
import { startRealtimeRoutes } from "@/tests/support/realtime-routes-server";
import { startPusherStandin } from "@/tests/support/pusher-standin";
import { startSupabaseRealtimeStandin } from "@/tests/support/supabase-realtime-standin";
import WebSocket from "ws";

type Credentials = { answerer: { key: string }; operator: Principal };

/** One driver under the contract: its environment, our routes, the vendor stand-in if any. */
export type Harness = {
  env: Record<string, string>;
  attach(deps: Deps): Promise<void>;
  /** Client settings for `principal`'s account, authenticating as `credentialsOf` (another tenant = an intruder). */
  clientFor(
    principal: Principal,
    o: { credentialsOf: Credentials; cookie: string },
  ): Promise<{ config: RealtimeClientConfig; options: ConnectOptions }>;
  /** Cuts every live connection so clients must reconnect. */
  dropConnections(): void;
  stop(): Promise<void>;
};

export type HarnessSpec = { name: string; start: () => Promise<Harness> };

type Standin = { env: Record<string, string>; dropConnections(): void; close(): Promise<void> };
type ClientFor = (
  principal: Principal,
  o: { credentialsOf: Credentials; cookie: string },
  at: { deps: Deps; baseUrl: string },
) => Promise<{ config: RealtimeClientConfig; options: ConnectOptions }> | { config: RealtimeClientConfig; options: ConnectOptions };

/**
 * Our realtime routes on the attached deps, plus the vendor stand-in when the driver has one (it then owns
 * the live connections); `clientFor` says how a client of this driver authenticates.
 */
function harness(
  name: string,
  start: () => Promise<{ env: Record<string, string>; standin?: Standin }>,
  clientFor: ClientFor,
): HarnessSpec {
  return {
    name,
    start: async () => {
      const { env, standin } = await start();
      let routes: Awaited<ReturnType<typeof startRealtimeRoutes>> | undefined;
      let deps: Deps;
      return {
        env,
        async attach(d) {
          deps = d;
          routes = await startRealtimeRoutes(d);
        },
        clientFor: async (principal, o) => clientFor(principal, o, { deps, baseUrl: routes!.baseUrl }),
        dropConnections: () => (standin ?? routes!).dropConnections(),
        stop: async () => {
          await routes?.close();
          await standin?.close();
        },
      };
    },
  };
}

const withStandin = (startStandin: () => Promise<Standin>) => async () => {
  const standin = await startStandin();
  return { env: standin.env, standin };
};

const sseHarness = () =>
  harness(
    "sse",
    async () => ({ env: { REALTIME_DRIVER: "sse", REALTIME_SSE_HEARTBEAT_SECONDS: "2" } }),
    (principal, { cookie, credentialsOf }, { deps, baseUrl }) => {
      const config = getRealtimeClientConfig(principal, deps.config);
      if (config.driver !== "sse") throw new Error("expected sse");
      // The stream's account follows from the session, so another tenant's cookie cannot even name A's
      // stream (test 1 shows it gets its own); the refused subscriber here is a signed-out browser.
      const intruder = credentialsOf.operator.accountId !== principal.accountId;
      return { config: { ...config, headers: { cookie: intruder ? "sb_session=signed-out" : cookie } }, options: { baseUrl } };
    },
  );

const pusherHarness = () =>
  harness("pusher (stand-in)", withStandin(startPusherStandin), (principal, { credentialsOf }, { deps, baseUrl }) => {
    const config = getRealtimeClientConfig(principal, deps.config);
    if (config.driver !== "pusher") throw new Error("expected pusher");
    // pusher-js in Node may not send cookies (its XHR forbids the header); an hitl:answer key stands in for the session.
    return { config: { ...config, headers: { authorization: `Bearer ${credentialsOf.answerer.key}` } }, options: { baseUrl } };
  });

const supabaseHarness = () =>
  harness(
    "supabase realtime (stand-in)",
    withStandin(startSupabaseRealtimeStandin),
    (principal, { credentialsOf, cookie }, { deps, baseUrl }) => {
      const config = getRealtimeClientConfig(principal, deps.config);
      if (config.driver !== "supabase") throw new Error("expected supabase");
      // The token is what the server minted for whoever is signed in: an intruder holds its own account's token.
      const mine = credentialsOf.operator.accountId === principal.accountId;
      const token = mine ? config : getRealtimeClientConfig(credentialsOf.operator, deps.config);
      if (token.driver !== "supabase") throw new Error("expected supabase");
      return {
        config: { ...config, accessToken: token.accessToken, expiresAt: token.expiresAt, headers: { cookie } },
        options: { baseUrl, webSocket: WebSocket },
      };
    },
  );

export function realtimeHarnesses(): HarnessSpec[] {
  return [sseHarness(), pusherHarness(), supabaseHarness()];
}
