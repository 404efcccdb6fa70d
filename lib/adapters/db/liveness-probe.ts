import postgres from "postgres";

/** How long a probe's "up" stands: a saturated pool asks the database about once per this, not once per request. */
const FRESH_MS = 1000;

/**
 * "Is PostgreSQL answering at all?", asked on a connection of its own (never the pool's, which may be
 * queued up behind healthy work). One probe at a time, a success remembered for a second; each caller
 * bounds its own wait. A cut or blackholed database fails it within that bound.
 */
export function createLivenessProbe(url: string, connectTimeoutSeconds: number): (withinMs: number) => Promise<boolean> {
  let sql: postgres.Sql | undefined;
  let inFlight: Promise<boolean> | undefined;
  let upAt = 0;
  const ask = () =>
    (inFlight ??= (async () => {
      sql ??= postgres(url, { max: 1, idle_timeout: 0, prepare: false, connect_timeout: connectTimeoutSeconds, onnotice: () => {} });
      try {
        await sql`select 1`;
        upAt = Date.now();
        return true;
      } catch {
        return false;
      } finally {
        inFlight = undefined;
      }
    })());
  // Connected up front and kept (no idle time-out): a probe is then one round trip, which a process saturated
  // by a burst can still fit in its bound — a connection to open first might not.
  void ask();
  return async (withinMs) => {
    if (Date.now() - upAt < FRESH_MS) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), withinMs)));
    return Promise.race([ask(), late]).finally(() => clearTimeout(timer));
  };
}
