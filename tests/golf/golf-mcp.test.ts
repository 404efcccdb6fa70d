import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as mcpRoute from "@/app/api/mcp/route";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import type { Scope } from "@/lib/domains/auth/principal";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { addCourse, tomorrow } from "@/tests/golf/helpers";

/**
 * The golf tools as a voice agent uses them: the official MCP client against the real /api/mcp route
 * handler (in-process), on a fresh database. Search → book → list → cancel, retries, a full tee time,
 * bad input, scopes and tenant isolation.
 */
let app: App;
let golfer: Client;
let reader: Client;
let other: Client;

type Result = { isError?: boolean; structuredContent?: Record<string, any>; content: Array<{ type: string; text?: string }> };

async function connect(accountId: string, scopes: Scope[]): Promise<Client> {
  const { key } = await createApiKey(app.deps.db, { accountId, name: `golf ${scopes.join(" ")}`, scopes });
  const handler = mcpRoute as unknown as Record<string, (req: Request) => Promise<Response>>;
  const fetchInProcess = async (url: string | URL, init?: RequestInit) => {
    const req = new Request(url, init);
    req.headers.set("host", "127.0.0.1:3000");
    return handler[req.method]!(req);
  };
  const client = new Client({ name: "golf-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("/api/mcp", BASE), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
      fetch: fetchInProcess as never,
    }),
  );
  return client;
}
const call = async (c: Client, name: string, args: Record<string, unknown>) => (await c.callTool({ name, arguments: args })) as Result;
const text = (r: Result) => r.content.map((c) => c.text ?? "").join(" ");
const errorMessage = (r: Result) => {
  try {
    return JSON.parse(text(r)).message as string;
  } catch {
    return text(r);
  }
};

beforeAll(async () => {
  app = await startApp();
  await addCourse(app.deps.db, app.accountA.id, { name: "Pine Hollow" });
  await addCourse(app.deps.db, app.accountA.id, { name: "Cedar Ridge", holes: 9, price: 25, firstTeeTime: "14:00", lastTeeTime: "15:00" });
  await addCourse(app.deps.db, app.accountB.id, { name: "Other Club" });
  golfer = await connect(app.accountA.id, ["golf:read", "golf:write"]);
  reader = await connect(app.accountA.id, ["golf:read"]);
  other = await connect(app.accountB.id, ["golf:read", "golf:write"]);
}, 120_000);
afterAll(async () => {
  for (const c of [golfer, reader, other]) await c?.close().catch(() => {});
  await app?.close();
});

describe("golf tools over MCP", () => {
  it("are listed with input and output schemas", async () => {
    const { tools } = await golfer.listTools();
    for (const name of ["golf_search_tee_times", "golf_book_tee_time", "golf_get_reservations", "golf_cancel_reservation"]) {
      const t = tools.find((x) => x.name === name);
      expect(t, name).toBeDefined();
      expect(t!.outputSchema?.properties).toHaveProperty("message");
      expect(Object.keys(t!.inputSchema.properties ?? {}).length).toBeGreaterThan(0);
    }
  });

  it("search → book → list → cancel, every result with a sentence to say in the course's local time", async () => {
    const date = tomorrow();
    const search = await call(golfer, "golf_search_tee_times", { course: "pine", date, timeFrom: "08:15", timeTo: "08:45", players: 2 });
    expect(search.isError).toBeFalsy();
    const s = search.structuredContent!;
    expect(s.slots.map((x: { time: string }) => x.time)).toEqual(["08:20", "08:30", "08:40"]);
    expect(s.slots[0]).toMatchObject({
      courseName: "Pine Hollow",
      openSpots: 4,
      pricePerPlayer: 45,
      holes: 18,
      timezone: "America/New_York",
    });
    expect(s.message).toMatch(/^On \w+day, \w+ \d+, for 2 players: Pine Hollow has 8:20 AM, 8:30 AM and 8:40 AM, \$45 per player\.$/);

    const book = await call(golfer, "golf_book_tee_time", {
      slotId: s.slots[1].slotId,
      players: 2,
      name: "Ada Lovelace",
      phone: "+1 415 555 0100",
      idempotencyKey: "flow-1",
    });
    expect(book.isError).toBeFalsy();
    const r = book.structuredContent!.reservation;
    expect(r).toMatchObject({
      status: "booked",
      courseName: "Pine Hollow",
      time: "08:30",
      date,
      players: 2,
      totalPrice: 90,
      name: "Ada Lovelace",
    });
    expect(r.confirmationCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(book.structuredContent!.message).toContain("at 8:30 AM for 2 players. Your confirmation code is");

    const after = await call(golfer, "golf_search_tee_times", { course: "pine", date, timeFrom: "08:30", timeTo: "08:30" });
    expect(after.structuredContent!.slots[0].openSpots).toBe(2);

    const list = await call(golfer, "golf_get_reservations", { phone: "14155550100" });
    expect(list.structuredContent!.reservations.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect(list.structuredContent!.message).toMatch(/^There is 1 reservation: Pine Hollow on .* at 8:30 AM for 2 players\.$/);

    const cancel = await call(golfer, "golf_cancel_reservation", { confirmationCode: r.confirmationCode.toLowerCase() });
    expect(cancel.structuredContent).toMatchObject({ alreadyCancelled: false, reservation: { status: "cancelled" } });
    expect(cancel.structuredContent!.message).toMatch(/is cancelled\.$/);
    const again = await call(golfer, "golf_cancel_reservation", { reservationId: r.id });
    expect(again.structuredContent!.alreadyCancelled).toBe(true);
    const freed = await call(golfer, "golf_search_tee_times", { course: "pine", date, timeFrom: "08:30", timeTo: "08:30" });
    expect(freed.structuredContent!.slots[0].openSpots).toBe(4);
  });

  it("a retry with the same idempotencyKey returns the same reservation and books nothing more", async () => {
    const s = (await call(golfer, "golf_search_tee_times", { course: "pine", date: tomorrow(), timeFrom: "08:50", timeTo: "08:50" }))
      .structuredContent!;
    const args = { slotId: s.slots[0].slotId, players: 1, name: "Grace Hopper", email: "grace@example.test", idempotencyKey: "retry-42" };
    const first = (await call(golfer, "golf_book_tee_time", args)).structuredContent!;
    const second = (await call(golfer, "golf_book_tee_time", args)).structuredContent!;
    expect(second.reservation.id).toBe(first.reservation.id);
    expect(second.replayed).toBe(true);
    const left = (await call(golfer, "golf_search_tee_times", { course: "pine", date: tomorrow(), timeFrom: "08:50", timeTo: "08:50" }))
      .structuredContent!;
    expect(left.slots[0].openSpots).toBe(3);
    const reused = await call(golfer, "golf_book_tee_time", { ...args, players: 2 });
    expect(reused.isError).toBe(true);
    expect(errorMessage(reused)).toMatch(/idempotencyKey was already used for a different booking/);
  });

  it("a tee time with too few spots is refused with a sentence saying how many are left", async () => {
    const s = (await call(golfer, "golf_search_tee_times", { course: "pine", date: tomorrow(), timeFrom: "09:00", timeTo: "09:00" }))
      .structuredContent!;
    const slotId = s.slots[0].slotId;
    expect(
      (await call(golfer, "golf_book_tee_time", { slotId, players: 3, name: "Alan Turing", phone: "+14155550101" })).isError,
    ).toBeFalsy();
    const refused = await call(golfer, "golf_book_tee_time", { slotId, players: 2, name: "Late Comer", phone: "+14155550102" });
    expect(refused.isError).toBe(true);
    expect(JSON.parse(text(refused))).toEqual({
      message: "That 9 AM tee time has only 1 spot left, not enough for 2 players.",
      error: "conflict",
    });
  });

  it("bad input is a tool error naming the field, never a crash", async () => {
    const s = (await call(golfer, "golf_search_tee_times", { course: "cedar", date: tomorrow() })).structuredContent!;
    expect(s.slots[0]).toMatchObject({ courseName: "Cedar Ridge", holes: 9, time: "14:00" });
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ["golf_search_tee_times", { date: "2026-02-30" }, /date/],
      ["golf_search_tee_times", { timeFrom: "25:00" }, /timeFrom/],
      ["golf_search_tee_times", { players: 0 }, /players/],
      ["golf_book_tee_time", { slotId: s.slots[0].slotId, players: 1, name: "No Contact" }, /phone/],
      ["golf_book_tee_time", { slotId: s.slots[0].slotId, players: 9, name: "Too Many", phone: "+14155550103" }, /players/],
      ["golf_book_tee_time", { slotId: s.slots[0].slotId, players: 1, name: "Bad\u0000Name", phone: "+14155550103" }, /name/],
      ["golf_cancel_reservation", {}, /confirmationCode/],
    ];
    for (const [tool, args, field] of cases) {
      const r = await call(golfer, tool, args);
      expect(r.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(text(r)).toMatch(field);
    }
    const unknownCourse = await call(golfer, "golf_search_tee_times", { course: "Augusta" });
    expect(errorMessage(unknownCourse)).toBe('I couldn\'t find a course called "Augusta". The courses are: Cedar Ridge, Pine Hollow.');
  });

  it("needs golf:write to book; a golf:read key is told which scope it lacks", async () => {
    const s = (await call(reader, "golf_search_tee_times", { course: "pine", date: tomorrow() })).structuredContent!;
    const r = await call(reader, "golf_book_tee_time", { slotId: s.slots[0].slotId, players: 1, name: "Reader", phone: "+14155550104" });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/lacks the golf:write scope/);
  });

  it("another account sees none of these courses, slots or reservations", async () => {
    const s = (await call(golfer, "golf_search_tee_times", { course: "pine", date: tomorrow(), timeFrom: "08:00", timeTo: "08:00" }))
      .structuredContent!;
    const mine = (await call(golfer, "golf_book_tee_time", { slotId: s.slots[0].slotId, players: 1, name: "Mine", phone: "+14155550105" }))
      .structuredContent!.reservation;
    const search = (await call(other, "golf_search_tee_times", { date: tomorrow() })).structuredContent!;
    expect(search.courses.map((c: { name: string }) => c.name)).toEqual(["Other Club"]);
    const steal = await call(other, "golf_book_tee_time", { slotId: s.slots[0].slotId, players: 1, name: "Thief", phone: "+14155550106" });
    expect(errorMessage(steal)).toMatch(/That tee time was not found on the tee sheet/);
    for (const args of [{ confirmationCode: mine.confirmationCode }, { reservationId: mine.id }]) {
      const r = await call(other, "golf_cancel_reservation", args);
      expect(r.isError).toBe(true);
      expect(errorMessage(r)).toMatch(/^A reservation with that confirmation code was not found\.$/);
    }
    expect((await call(other, "golf_get_reservations", { status: "all", includePast: true })).structuredContent!.reservations).toEqual([]);
    expect((await call(golfer, "golf_get_reservations", { name: "Mine" })).structuredContent!.reservations[0].status).toBe("booked");
  });
});
