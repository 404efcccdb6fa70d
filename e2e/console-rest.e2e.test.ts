import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { api } from "./support/api";

const { baseUrl, a, b } = inject("e2e");
const rest = api(baseUrl);

describe("REST additions for the console", () => {
  it("canned replies: admin keys manage, answer keys read, agent keys neither; another account gets 404", async () => {
    const shortcut = `ret${randomUUID().slice(0, 6)}`;
    const created = await rest.call("POST", "/api/canned-replies", {
      key: a.adminKey,
      body: { shortcut, title: "Returns", body: "Returns are free within 30 days." },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ shortcut, title: "Returns", body: "Returns are free within 30 days." });
    const id = created.json.id as string;

    expect((await rest.call("POST", "/api/canned-replies", { key: a.adminKey, body: { shortcut, body: "dup" } })).status).toBe(409);
    const bad = await rest.call("POST", "/api/canned-replies", { key: a.adminKey, body: { shortcut: "two words", body: "x" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toMatch(/shortcut/);

    const listed = await rest.call("GET", "/api/canned-replies", { key: a.answerKey });
    expect(listed.status).toBe(200);
    expect(listed.json.cannedReplies.map((r: { shortcut: string }) => r.shortcut)).toContain(shortcut);
    expect((await rest.call("POST", "/api/canned-replies", { key: a.answerKey, body: { shortcut: "nope", body: "x" } })).status).toBe(403);
    expect((await rest.call("GET", "/api/canned-replies", { key: a.agentKey })).status).toBe(403);

    expect((await rest.call("PATCH", `/api/canned-replies/${id}`, { key: b.adminKey, body: { body: "hijack" } })).status).toBe(404);
    expect((await rest.call("DELETE", `/api/canned-replies/${id}`, { key: b.adminKey })).status).toBe(404);
    const bList = await rest.call("GET", "/api/canned-replies", { key: b.answerKey });
    expect(bList.json.cannedReplies.map((r: { shortcut: string }) => r.shortcut)).not.toContain(shortcut);

    const patched = await rest.call("PATCH", `/api/canned-replies/${id}`, {
      key: a.adminKey,
      body: { body: "Returns are free within 60 days." },
    });
    expect(patched.json).toMatchObject({ shortcut, title: "Returns", body: "Returns are free within 60 days." });
    expect((await rest.call("DELETE", `/api/canned-replies/${id}`, { key: a.adminKey })).status).toBe(204);
    expect((await rest.call("DELETE", `/api/canned-replies/${id}`, { key: a.adminKey })).status).toBe(404);
  });

  it("GET /api/cases?q= searches within the account only, and cursor/nextCursor (or the deprecated before/nextBefore) page through history", async () => {
    const word = `walrus${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 3; i++) await rest.call("POST", "/api/cases", { key: a.agentKey, body: { question: `${word} question ${i}` } });
    await rest.call("POST", "/api/cases", { key: b.agentKey, body: { question: `${word} in tenant B` } });
    const page1 = await rest.call("GET", `/api/cases?q=${word}&limit=2`, { key: a.answerKey });
    expect(page1.status).toBe(200);
    expect(page1.json.cases.map((c: { question: string }) => c.question)).toEqual([`${word} question 2`, `${word} question 1`]);
    expect(page1.json.nextBefore).toEqual(expect.any(String));
    const page2 = await rest.call("GET", `/api/cases?q=${word}&limit=2&before=${encodeURIComponent(page1.json.nextBefore)}`, {
      key: a.answerKey,
    });
    expect(page2.json.cases.map((c: { question: string }) => c.question)).toEqual([`${word} question 0`]);
    expect(page2.json.nextBefore).toBeNull();
    expect(page1.json.nextCursor).toEqual(expect.any(String));
    const byCursor = await rest.call("GET", `/api/cases?q=${word}&limit=2&cursor=${encodeURIComponent(page1.json.nextCursor)}`, {
      key: a.answerKey,
    });
    expect(byCursor.json.cases.map((c: { question: string }) => c.question)).toEqual([`${word} question 0`]);
    expect(byCursor.json.nextCursor).toBeNull();
    const garbage = await rest.call("GET", "/api/cases?cursor=yesterday", { key: a.answerKey });
    expect([garbage.status, garbage.json.error.message]).toEqual([422, expect.stringMatching(/^cursor: /)]);
    expect((await rest.call("GET", "/api/cases?before=yesterday", { key: a.answerKey })).json.error.message).toMatch(/before/);
    const openapi = await rest.call("GET", "/api/openapi.json");
    expect(Object.keys(openapi.json.paths)).toEqual(expect.arrayContaining(["/api/canned-replies", "/api/canned-replies/{id}"]));
    expect(JSON.stringify(openapi.json.paths["/api/cases"].get.parameters)).toContain('"q"');
  });
});
