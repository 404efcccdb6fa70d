import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { seedDemoIfEmpty } from "@/lib/composition/bootstrap/seed-demo";
import { queryRows } from "@/lib/adapters/db/client";
import { bookTeeTime } from "@/lib/domains/golf/book-tee-time";
import { DEMO_COURSE_NAME } from "@/lib/domains/golf/seed-demo-course";
import { searchTeeTimes } from "@/lib/domains/golf/search-tee-times";
import { addDays } from "@/lib/domains/golf/time";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";

/** Out of the box: the first start gives the demo key the golf scopes and a course with a week of tee sheets. */
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => deps?.close());

describe("demo seed", () => {
  it("the printed demo key can search and book on the demo course at once", async () => {
    const demo = (await seedDemoIfEmpty(deps.db))!;
    const key = (await verifyApiKey(deps, demo.apiKey))!;
    expect(key.scopes).toEqual(expect.arrayContaining(["golf:read", "golf:write"]));
    const days = await queryRows<{ d: string; n: number }>(
      deps.db,
      sql`select local_date::text as d, count(*)::int as n from golf_tee_times group by 1 order by 1`,
    );
    expect(days).toHaveLength(7);
    for (const d of days) expect(d.n).toBe(61); // 07:00–17:00 every 10 minutes
    const tomorrow = addDays(days[0]!.d, 1);
    const found = await searchTeeTimes(deps, key, { course: "demo", date: tomorrow, players: 4 });
    expect(found.courses.map((c) => c.name)).toEqual([DEMO_COURSE_NAME]);
    expect(found.slots).toHaveLength(60); // capped; every tee time has 4 open spots
    const booked = await bookTeeTime(deps, key, { slotId: found.slots[0]!.slotId, players: 4, name: "Demo Golfer", phone: "+14155550123" });
    expect(booked.message).toMatch(/^You're booked at Switchboard Demo Links on .* at 7 AM for 4 players\./);
    expect(await seedDemoIfEmpty(deps.db)).toBeNull();
  });
});
