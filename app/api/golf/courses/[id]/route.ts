import { withRoute } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { readJson } from "@/lib/http/read-json";
import { updateCourse } from "@/lib/golf/courses";

export const dynamic = "force-dynamic";

// PATCH /api/golf/courses/{id} — any course field; tee times to come take the new capacity and price
export const PATCH = withRoute(async ({ req, deps, principal, params }) => json(await updateCourse(deps, principal, params.id!, await readJson(req))), { scopes: ["admin"] });
