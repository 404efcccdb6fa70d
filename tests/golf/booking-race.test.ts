import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/adapters/db/client";
import { golfReservations, golfTeeTimes } from "@/lib/adapters/db/schema";
import { bookTeeTime } from "@/lib/domains/golf/book-tee-time";
import { searchTeeTimes } from "@/lib/domains/golf/search-tee-times";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { addCourse, createGolfTenant, tomorrow } from "@/tests/golf/helpers";

/**
 * Never overbook: concurrent bookings of one tee time, enforced by the database (one conditional UPDATE
 * under the row lock, a CHECK behind it). Runs on PostgreSQL and on PGlite (vitest.config.mts).
 */
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => deps?.close());

async function freshSlot() {
  const t = await createGolfTenant(deps.db);
  await addCourse(deps.db, t.account.id);
  const search = await searchTeeTimes(deps, t.golfer, { date: tomorrow(), players: 1 });
  return { t, slot: search.slots[0]! };
}
const booking = (slotId: string, i: number, players = 1) => ({
  slotId,
  players,
  name: `Golfer ${i}`,
  phone: `+1415555${String(1000 + i)}`,
});

describe("golf_book_tee_time under concurrency", () => {
  it("20 concurrent one-player bookings of a 4-player tee time: exactly 4 booked, 16 told it is full", async () => {
    const { t, slot } = await freshSlot();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => bookTeeTime(deps, t.golfer, booking(slot.slotId, i))));
    const booked = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(booked).toHaveLength(4);
    expect(refused).toHaveLength(16);
    for (const r of refused) expect(r.reason.code).toBe("conflict");
    for (const r of refused) expect(String(r.reason.message)).toMatch(/fully booked|only \d spots? left/);
    const [row] = await deps.db.select().from(golfTeeTimes).where(eq(golfTeeTimes.id, slot.slotId));
    expect(row!.booked).toBe(4);
    const sum = await queryRows<{ n: number }>(
      deps.db,
      sql`select coalesce(sum(players), 0)::int as n from golf_reservations where tee_time_id = ${slot.slotId} and status = 'booked'`,
    );
    expect(sum[0]!.n).toBe(4);
  });

  it("mixed party sizes racing for one tee time never pass its capacity", async () => {
    const { t, slot } = await freshSlot();
    const sizes = [3, 2, 2, 1, 4, 1, 3, 2, 1, 2, 3, 1, 2, 4, 1, 2, 3, 1, 2, 1];
    await Promise.allSettled(sizes.map((n, i) => bookTeeTime(deps, t.golfer, booking(slot.slotId, i, n))));
    const [row] = await deps.db.select().from(golfTeeTimes).where(eq(golfTeeTimes.id, slot.slotId));
    const rows = await deps.db.select().from(golfReservations).where(eq(golfReservations.teeTimeId, slot.slotId));
    const seats = rows.reduce((s, r) => s + r.players, 0);
    expect(seats).toBe(row!.booked);
    expect(seats).toBeLessThanOrEqual(4);
    expect(seats).toBeGreaterThanOrEqual(3); // a party of 1 always fits after the first booking, so the slot fills up
  });

  it("20 concurrent retries with one idempotencyKey: one reservation, the same one for every caller", async () => {
    const { t, slot } = await freshSlot();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => bookTeeTime(deps, t.golfer, { ...booking(slot.slotId, 1, 2), idempotencyKey: "retry-me" })),
    );
    expect(new Set(results.map((r) => r.reservation.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.reservation.confirmationCode)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const [row] = await deps.db.select().from(golfTeeTimes).where(eq(golfTeeTimes.id, slot.slotId));
    expect(row!.booked).toBe(2);
  });
});
