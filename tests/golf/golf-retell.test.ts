import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { callFunction, retellCall } from "@/tests/retell/helpers";
import { addCourse, tomorrow } from "@/tests/golf/helpers";

/** The golf tools as Retell custom functions: same tools, `message` first, refusals as sayable 200s. */
let app: App;
beforeAll(async () => {
  app = await startApp();
  await addCourse(app.deps.db, app.accountA.id, { name: "Retell Links", capacity: 2 });
}, 120_000);
afterAll(async () => app?.close());

describe("golf tools through /api/retell/functions", () => {
  it("search → book; a full tee time is a 200 whose message says so; a key without golf scopes is told which it lacks", async () => {
    const search = await callFunction(app, {
      key: "admin key",
      body: {
        name: "golf_search_tee_times",
        call: retellCall("call_golf_1"),
        args: { course: "retell", date: tomorrow(), timeFrom: "08:00", timeTo: "08:00", players: 2 },
      },
    });
    expect(search.status).toBe(200);
    expect(Object.keys(search.json)[0]).toBe("message");
    expect(search.json.message).toMatch(/Retell Links has 8 AM, \$45 per player\.$/);
    const slotId = search.json.slots[0].slotId;
    const book = await callFunction(app, {
      key: "admin key",
      body: {
        name: "golf_book_tee_time",
        call: retellCall("call_golf_1"),
        args: { slotId, players: 2, name: "Caller One", phone: "+14155550123", idempotencyKey: "call_golf_1" },
      },
    });
    expect(book.json.message).toMatch(/^You're booked at Retell Links on .* at 8 AM for 2 players\./);
    const full = await callFunction(app, {
      key: "admin key",
      body: {
        name: "golf_book_tee_time",
        call: retellCall("call_golf_2"),
        args: { slotId, players: 1, name: "Caller Two", phone: "+14155550124" },
      },
    });
    expect(full.status).toBe(200);
    expect(full.json).toMatchObject({
      status: "error",
      message: "Sorry, the 8 AM tee time is fully booked now.",
      error: { code: "conflict" },
    });
    const denied = await callFunction(app, { key: "calls:write", body: { name: "golf_search_tee_times", args: {} } });
    expect(JSON.stringify(denied.json)).toMatch(/lacks the golf:read scope/);
  });
});
