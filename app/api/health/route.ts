import { getDeps } from "@/lib/composition/deps";
import { checkDependencies } from "@/lib/composition/health/check-dependencies";
import { json } from "@/lib/transports/http/respond";
import { declareRoute } from "@/lib/transports/http/with-route";

export const dynamic = "force-dynamic";

// GET /api/health — each dependency's state. 200 while requests can be served (kv or event bus down is
// "degraded": the app copes), 503 when the database is down or the app could not start.
export const GET = declareRoute(
  async function GET() {
    const headers = { "cache-control": "no-store" };
    try {
      const { status, dependencies } = await checkDependencies(await getDeps());
      return json({ status, dependencies }, { status: status === "down" ? 503 : 200, headers });
    } catch (e) {
      const down = { state: "down", ok: false, error: e instanceof Error ? e.message.slice(0, 200) : "error" };
      return json({ status: "down", dependencies: { database: down } }, { status: 503, headers });
    }
  },
  { public: true },
);
