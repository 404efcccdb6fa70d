import type { Principal } from "@/lib/auth/principal";
import type { Deps } from "@/lib/deps";
import type { ConnectOptions } from "@/lib/realtime/client/port";
import { getRealtimeClientConfig } from "@/lib/realtime/client-config";
import type { RealtimeClientConfig } from "@/lib/realtime/events";
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
  clientFor(principal: Principal, o: { credentialsOf: Credentials; cookie: string }): Promise<{ config: RealtimeClientConfig; options: ConnectOptions }>;
  /** Cuts every live connection so clients must reconnect. */
  dropConnections(): void;
  stop(): Promise<void>;
};

export type HarnessSpec = { name: string; start: () => Promise<Harness> };

function sseHarness(): HarnessSpec {
  return {
    name: "sse",
    start: async () => {
      let routes: Awaited<ReturnType<typeof startRealtimeRoutes>> | undefined;
      let deps: Deps;
      return {
        env: { REALTIME_DRIVER: "sse", REALTIME_SSE_HEARTBEAT_SECONDS: "2" },
        async attach(d) {
          deps = d;
          routes = await startRealtimeRoutes(d);
        },
        async clientFor(principal, { cookie, credentialsOf }) {
          const config = getRealtimeClientConfig(principal, deps.config);
          if (config.driver !== "sse") throw new Error("expected sse");
          // The stream's account follows from the session, so another tenant's cookie cannot even name A's
          // stream (test 1 shows it gets its own); the refused subscriber here is a signed-out browser.
          const intruder = credentialsOf.operator.accountId !== principal.accountId;
          return { config: { ...config, headers: { cookie: intruder ? "sb_session=signed-out" : cookie } }, options: { baseUrl: routes!.baseUrl } };
        },
        dropConnections: () => routes!.dropConnections(),
        stop: async () => routes?.close(),
      };
    },
  };
}

function pusherHarness(): HarnessSpec {
  return {
    name: "pusher (stand-in)",
    start: async () => {
      const standin = await startPusherStandin();
      let routes: Awaited<ReturnType<typeof startRealtimeRoutes>> | undefined;
      let deps: Deps;
      return {
        env: standin.env,
        async attach(d) {
          deps = d;
          routes = await startRealtimeRoutes(d);
        },
        async clientFor(principal, { credentialsOf }) {
          const config = getRealtimeClientConfig(principal, deps.config);
          if (config.driver !== "pusher") throw new Error("expected pusher");
          // pusher-js in Node may not send cookies (its XHR forbids the header); an hitl:answer key stands in for the session.
          return { config: { ...config, headers: { authorization: `Bearer ${credentialsOf.answerer.key}` } }, options: { baseUrl: routes!.baseUrl } };
        },
        dropConnections: () => standin.dropConnections(),
        stop: async () => {
          await routes?.close();
          await standin.close();
        },
      };
    },
  };
}

function supabaseHarness(): HarnessSpec {
  return {
    name: "supabase realtime (stand-in)",
    start: async () => {
      const standin = await startSupabaseRealtimeStandin();
      let routes: Awaited<ReturnType<typeof startRealtimeRoutes>> | undefined;
      let deps: Deps;
      return {
        env: standin.env,
        async attach(d) {
          deps = d;
          routes = await startRealtimeRoutes(d);
        },
        async clientFor(principal, { credentialsOf, cookie }) {
          const config = getRealtimeClientConfig(principal, deps.config);
          if (config.driver !== "supabase") throw new Error("expected supabase");
          // The token is what the server minted for whoever is signed in: an intruder holds its own account's token.
          const mine = credentialsOf.operator.accountId === principal.accountId;
          const token = mine ? config : getRealtimeClientConfig(credentialsOf.operator, deps.config);
          if (token.driver !== "supabase") throw new Error("expected supabase");
          return {
            config: { ...config, accessToken: token.accessToken, expiresAt: token.expiresAt, headers: { cookie } },
            options: { baseUrl: routes!.baseUrl, webSocket: WebSocket },
          };
        },
        dropConnections: () => standin.dropConnections(),
        stop: async () => {
          await routes?.close();
          await standin.close();
        },
      };
    },
  };
}

export function realtimeHarnesses(): HarnessSpec[] {
  return [sseHarness(), pusherHarness(), supabaseHarness()];
}
