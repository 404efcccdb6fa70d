import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookTeeTime } from "@/lib/domains/golf/book-tee-time";
import { cancelReservation } from "@/lib/domains/golf/cancel-reservation";
import { getReservations } from "@/lib/domains/golf/get-reservations";
import { searchTeeTimes } from "@/lib/domains/golf/search-tee-times";
import { getGolfSettings, readSettingsRow, updateGolfSettings } from "@/lib/domains/golf/settings";
import { addDays, todayIn } from "@/lib/domains/golf/time";
import { startChronogolfStandin } from "@/tests/support/chronogolf-standin";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createGolfTenant } from "@/tests/golf/helpers";

/**
 * The Chronogolf (Lightspeed Golf Partner API v2) adapter against a local stand-in that checks the
 * documented request shapes: OAuth refresh-token grant with rotation, JSON:API bodies and media type,
 * reservation request → round requests → reservation, DELETE to cancel.
 */
const TZ = "America/Toronto";
const CREDS = { organizationId: "org-42", clientId: "client-abc", clientSecret: "secret-xyz", refreshToken: "rt_initial" };
let deps: TestDeps;
let cg: Awaited<ReturnType<typeof startChronogolfStandin>>;
let t: Awaited<ReturnType<typeof createGolfTenant>>;
const date = addDays(todayIn(TZ), 1);

beforeAll(async () => {
  deps = await createTestDeps({ OUTBOUND_ALLOW_LOOPBACK: "true" });
  cg = await startChronogolfStandin(CREDS);
  cg.state.courses.push({ id: "c-maple", name: "Maple Creek", holes: 18 }, { id: "c-birch", name: "Birch Hills", holes: 18 });
  // 150 tee times on Maple Creek (two pages of 100), four on Birch Hills.
  for (let i = 0; i < 150; i++) {
    const minute = 6 * 60 + i * 5;
    cg.state.teetimes.push({
      id: `tt-${i}`,
      courseId: "c-maple",
      date,
      start_time: `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
      free_slots: 4,
      green_fee: 52.5,
    });
  }
  for (const [i, time] of ["10:00", "10:10", "10:20", "10:30"].entries())
    cg.state.teetimes.push({ id: `bt-${i}`, courseId: "c-birch", date, start_time: time, free_slots: 4, green_fee: 40 });
  t = await createGolfTenant(deps.db);
  await updateGolfSettings(deps, t.admin, { provider: "chronogolf", chronogolf: { baseUrl: cg.url, ...CREDS, timezone: TZ } });
});
afterAll(async () => {
  await cg?.close();
  await deps?.close();
});

describe("Chronogolf adapter", () => {
  it("settings never show the secrets back", async () => {
    const s = await getGolfSettings(deps, t.admin);
    expect(s).toMatchObject({
      provider: "chronogolf",
      chronogolf: {
        baseUrl: cg.url,
        organizationId: "org-42",
        clientId: "client-abc",
        clientSecretSet: true,
        refreshTokenSet: true,
        timezone: TZ,
      },
    });
    expect(JSON.stringify(s)).not.toContain("secret-xyz");
  });

  it("searches every page of tee times and speaks them in the club's time", async () => {
    const r = await searchTeeTimes(deps, t.golfer, { course: "maple", date, timeFrom: "17:00", players: 2 });
    expect(r.slots[0]).toMatchObject({ courseName: "Maple Creek", time: "17:00", openSpots: 4, pricePerPlayer: 52.5, timezone: TZ });
    expect(r.slots.at(-1)!.time).toBe("18:25"); // tee time 149 is on the second page
    expect(r.message).toMatch(/Maple Creek has 5 PM, 5:05 PM, 5:10 PM and 5:15 PM and \d+ more, \$52\.50 per player\./);
    expect(cg.state.violations).toEqual([]);
  });

  it("books through reservation request → rounds → reservation, records it, and cancels with DELETE", async () => {
    const s = await searchTeeTimes(deps, t.golfer, { course: "birch", date, timeFrom: "10:10", timeTo: "10:10" });
    const booked = await bookTeeTime(deps, t.golfer, {
      slotId: s.slots[0]!.slotId,
      players: 3,
      name: "Tiger Woods",
      email: "tiger@example.test",
      idempotencyKey: "cg-1",
    });
    expect(booked.reservation).toMatchObject({
      provider: "chronogolf",
      courseName: "Birch Hills",
      time: "10:10",
      date,
      players: 3,
      totalPrice: 120,
      status: "booked",
    });
    expect(booked.message).toMatch(/at 10:10 AM for 3 players/);
    expect(cg.state.reservations.size).toBe(1);
    expect(cg.state.teetimes.find((x) => x.id === "bt-1")!.free_slots).toBe(1);
    const [request] = [...cg.state.requests.values()];
    expect(request!.rounds).toHaveLength(3);
    expect(request!.rounds[0]!.customerId).toBeTruthy(); // the golfer; the others as guests
    expect([...cg.state.customers.values()][0]).toMatchObject({ first_name: "Tiger", last_name: "Woods", email: "tiger@example.test" });

    const retry = await bookTeeTime(deps, t.golfer, {
      slotId: s.slots[0]!.slotId,
      players: 3,
      name: "Tiger Woods",
      email: "tiger@example.test",
      idempotencyKey: "cg-1",
    });
    expect(retry).toMatchObject({ replayed: true, reservation: { id: booked.reservation.id } });
    expect(cg.state.reservations.size).toBe(1);

    const full = await bookTeeTime(deps, t.golfer, { slotId: s.slots[0]!.slotId, players: 2, name: "Rory", phone: "+14165550100" }).catch(
      (e) => e,
    );
    expect(full).toMatchObject({ code: "conflict", message: "That 10:10 AM tee time has only 1 spot left, not enough for 2 players." });

    const list = await getReservations(deps, t.reader, {});
    expect(list.reservations.map((r) => r.id)).toEqual([booked.reservation.id]);
    const cancelled = await cancelReservation(deps, t.golfer, { confirmationCode: booked.reservation.confirmationCode });
    expect(cancelled.reservation.status).toBe("cancelled");
    expect(cg.state.reservations.size).toBe(0);
    expect(cg.state.teetimes.find((x) => x.id === "bt-1")!.free_slots).toBe(4);
    expect(cg.state.violations).toEqual([]);
  });

  it("refreshes an expired access token once, and stores the rotated refresh token", async () => {
    cg.expireAccessToken();
    const r = await searchTeeTimes(deps, t.golfer, { course: "birch", date });
    expect(r.slots).toHaveLength(4);
    // Stored encrypted (tests/secrets/secrets-at-rest.test.ts): read back through the settings store.
    expect((await readSettingsRow(deps.db, t.account.id))!.chronogolfRefreshToken).toBe(cg.state.refreshToken);
    expect(cg.state.log.filter((l) => l.path === "/oauth/token" && l.status === 200).length).toBeGreaterThanOrEqual(2);
  });

  it("an unreachable or failing service is a sentence to say, never a crash", async () => {
    cg.state.failWith = 503;
    const e = await searchTeeTimes(deps, t.golfer, { date }).catch((x) => x);
    cg.state.failWith = undefined;
    expect(e).toMatchObject({
      code: "unavailable",
      message: "The golf booking service isn't answering right now; please try again in a minute.",
    });
  });
});
