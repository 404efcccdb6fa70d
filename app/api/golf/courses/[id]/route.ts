import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { updateCourse } from "@/lib/domains/golf/courses";

export const dynamic = "force-dynamic";

// PATCH /api/golf/courses/{id} — any course field; tee times to come take the new capacity and price
export const PATCH = withRoute(
  async ({ req, deps, principal, params }) => json(await updateCourse(deps, principal, params.id!, await readJson(req))),
  { scopes: ["admin"] },
);
