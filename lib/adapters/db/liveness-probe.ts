import postgres from "postgres";

/**
 * "Is PostgreSQL answering at all?", asked on a connection of its own (never the pool's, which may be
 * queued up behind healthy work). One probe at a time, shared by every caller that asks meanwhile; each
 * caller bounds its own wait. A success is remembered, but only vouches for callers asking about the time
 * after it (`since`): an answer from before a cut says nothing about the database now, and counting it made
 * the first call after a cut wait a whole extra round of the breaker's time-out. A saturated pool still asks
 * about once per such round, not once per request (every waiter whose round began before the last answer
 * is satisfied by it). A cut or blackholed database fails it within the caller's bound.
 */
export function createLivenessProbe(url: string, connectTimeoutSeconds: number): (withinMs: number, since: number) => Promise<boolean> {
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
  return async (withinMs, since) => {
    if (upAt > since) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), withinMs)));
    return Promise.race([ask(), late]).finally(() => clearTimeout(timer));
  };
}
