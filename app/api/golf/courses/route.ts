import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { createCourse, listCourses } from "@/lib/domains/golf/courses";

export const dynamic = "force-dynamic";

// GET /api/golf/courses — the account's courses on the embedded tee sheet
export const GET = withRoute(async ({ deps, principal }) => json({ courses: await listCourses(deps, principal) }), {
  scopes: ["golf:read"],
});

// POST /api/golf/courses {name, timezone, firstTeeTime, lastTeeTime, intervalMinutes, capacity, holes, price, currency?}
export const POST = withRoute(
  async ({ req, deps, principal }) => json(await createCourse(deps, principal, await readJson(req)), { status: 201 }),
  { scopes: ["admin"] },
);
