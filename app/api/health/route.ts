import { sql } from "drizzle-orm";
import { getDeps } from "@/lib/deps";
import { json } from "@/lib/http/respond";
import { declareRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

const check = async (fn: () => Promise<unknown>) => {
  const started = Date.now();
  try {
    await fn();
    return { ok: true, latencyMs: Date.now() - started };
  } catch (e) {
    return { ok: false, latencyMs: Date.now() - started, error: e instanceof Error ? e.name : "error" };
  }
};

// GET /api/health — database, kv and event-bus status (503 when any is down)
export const GET = declareRoute(async function GET() {
  try {
    const deps = await getDeps();
    const [database, kv, eventBus] = await Promise.all([
      check(() => deps.db.execute(sql`select 1`)),
      check(() => deps.kv.ping()),
      check(() => deps.bus.ping()),
    ]);
    const ok = database.ok && kv.ok && eventBus.ok;
    return json(
      {
        status: ok ? "ok" : "degraded",
        database: { ...database, driver: deps.config.DATABASE_URL ? "postgres" : "pglite" },
        kv: { ...kv, driver: deps.kv.driver },
        eventBus: { ...eventBus, driver: deps.bus.driver },
      },
      { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
    );
  } catch {
    return json({ status: "down", database: { ok: false }, kv: { ok: false }, eventBus: { ok: false } }, { status: 503 });
  }
}, { public: true });
