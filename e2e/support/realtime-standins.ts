import { startApp, type RunningApp } from "./app-server";
import { startPusherStandin, type PusherStandin } from "../../tests/support/pusher-standin";

/**
 * The Pusher stand-in on a free port, and the environment that points an app instance at it
 * (REALTIME_DRIVER=pusher, PUSHER_APP_ID/KEY/SECRET, PUSHER_HOST/PORT, PUSHER_USE_TLS=false).
 */
export async function startPusherStandinEnv(): Promise<{ standin: PusherStandin; env: Record<string, string> }> {
  const standin = await startPusherStandin();
  return { standin, env: standin.env };
}

/**
 * A second `next start` of the same build on the same database, with REALTIME_DRIVER=pusher against a fresh
 * stand-in. Pass `inject("e2e").appEnv`. It needs DATABASE_URL: the embedded PGlite directory is locked by
 * the first instance. Browsers on `app.baseUrl` get pusher-js settings from getRealtimeClientConfig.
 */
export async function startPusherApp(
  appEnv: Record<string, string>,
): Promise<{ app: RunningApp; standin: PusherStandin; stop: () => Promise<void> }> {
  if (!appEnv.DATABASE_URL)
    throw new Error("startPusherApp needs DATABASE_URL (a second instance cannot open the first one's PGlite directory)");
  const { standin, env } = await startPusherStandinEnv();
  try {
    const app = await startApp({ ...appEnv, ...env });
    return {
      app,
      standin,
      stop: async () => {
        await app.stop();
        await standin.close();
      },
    };
  } catch (e) {
    await standin.close();
    throw e;
  }
}
