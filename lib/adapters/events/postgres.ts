import type postgres from "postgres";
import { createLocalDispatch, parseWireEvent, WIRE_CHANNEL } from "@/lib/adapters/events/local-dispatch";
import type { EventBus } from "@/lib/adapters/events/port";

/** Postgres LISTEN/NOTIFY: instances that share a database share events, no Redis needed. */
export function createPostgresBus(sql: postgres.Sql, opts: { prefix?: string } = {}): EventBus {
  const channel = `${(opts.prefix ?? "").replace(/[^a-z0-9_]/gi, "_")}${WIRE_CHANNEL}`;
  const local = createLocalDispatch();
  let ready: Promise<{ unlisten: () => Promise<void> }> | undefined;
  const ensureListening = () =>
    (ready ??= sql
      .listen(channel, (raw) => {
        const e = parseWireEvent(raw);
        if (e) local.dispatch(e);
      })
      .catch((e) => {
        ready = undefined;
        throw e;
      }));

  return {
    driver: "postgres",
    async publish(event) {
      await sql.notify(channel, JSON.stringify(event));
    },
    async subscribe(topic, handler) {
      await ensureListening();
      return local.add(topic, handler);
    },
    async ping() {
      await sql`select 1`;
    },
    async close() {
      if (ready) await (await ready).unlisten().catch(() => {});
    },
  };
}
