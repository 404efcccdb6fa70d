import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { api } from "./support/api";
import { login } from "./support/rest-helpers";

const { baseUrl, a, b } = inject("e2e");
const rest = api(baseUrl);
const { call } = rest;
// One file for the whole REST surface seen from outside (a little over our ~250-line guide): each block
// is one route family, and reading them together shows the conventions are the same everywhere.

/** Creates an open case in the key's account and returns it. */
async function openCase(key: string, body: Record<string, unknown> = {}) {
  const r = await call("POST", "/api/cases", { key, body: { question: `Question ${randomUUID()}`, ...body } });
  expect(r.status, r.text).toBe(201);
  return r.json;
}

describe("REST: creating cases", () => {
  it("POST /api/cases returns 201 with the case in camelCase", async () => {
    const question = `Do you deliver to Springfield? ${randomUUID()}`;
    const before = Date.now();
    const r = await call("POST", "/api/cases", {
      key: a.agentKey,
      body: { question, priority: 5, urgency: "high", timeoutSeconds: 20, callId: "call-1" },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toMatch(/application\/json/);
    expect(r.json).toMatchObject({
      status: "open",
      question,
      priority: 5,
      urgency: "high",
      timeoutSeconds: 20,
      callId: "call-1",
      answer: null,
      claimedBy: null,
      answeredBy: null,
    });
    expect(r.json.id).toMatch(/^[0-9a-f-]{36}$/);
    const deadline = Date.parse(r.json.waitDeadlineAt);
    expect(deadline).toBeGreaterThanOrEqual(before + 19_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 21_000);
    expect(Date.parse(r.json.expiresAt)).toBeGreaterThan(deadline);
    expect(r.json).not.toHaveProperty("account_id");
    expect(r.json).not.toHaveProperty("accountId");
    const defaults = await openCase(a.agentKey);
    expect(defaults).toMatchObject({ priority: 3, urgency: "medium", timeoutSeconds: 45 });
    const got = await rest.getCase(a.agentKey, r.json.id);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id: r.json.id, question, status: "open" });
  });

  it("is idempotent by Idempotency-Key header and by idempotencyKey field", async () => {
    const headerKey = `idem-${randomUUID()}`;
    const send = (opts: { headers?: Record<string, string>; body: unknown }) => call("POST", "/api/cases", { key: a.agentKey, ...opts });
    const first = await send({ headers: { "idempotency-key": headerKey }, body: { question: "Is my refund processed?" } });
    expect(first.status).toBe(201);
    const again = await send({ headers: { "idempotency-key": headerKey }, body: { question: "Is my refund processed?" } });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    expect(again.json.idempotencyKey).toBe(headerKey);

    const bodyKey = `idem-${randomUUID()}`;
    const one = await send({ body: { question: "Can I pay by invoice?", idempotencyKey: bodyKey } });
    expect(one.status).toBe(201);
    const two = await send({ body: { question: "Can I pay by invoice?", idempotencyKey: bodyKey } });
    expect(two.status).toBe(200);
    expect(two.json.id).toBe(one.json.id);
    expect(one.json.id).not.toBe(first.json.id);
  });

  it("refuses a key without hitl:ask with 403", async () => {
    const r = await call("POST", "/api/cases", { key: a.answerKey, body: { question: "Should not exist" } });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: "forbidden" });
    expect(r.json.error.message).toMatch(/hitl:ask/);
  });
});

describe("REST: errors", () => {
  it("400 for malformed JSON, 413 for a body over 64 KiB, 422 naming the field", async () => {
    const bad = await call("POST", "/api/cases", { key: a.agentKey, raw: '{"question": "unterminated' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");

    const big = await call("POST", "/api/cases", { key: a.agentKey, body: { question: "big", context: "x".repeat(65 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toMatch(/64 KiB/);

    const missing = await call("POST", "/api/cases", { key: a.agentKey, body: { priority: 2 } });
    expect(missing.status).toBe(422);
    expect(missing.json.error.code).toBe("validation_failed");
    expect(missing.json.error.message).toMatch(/question/);

    const priority = await call("POST", "/api/cases", { key: a.agentKey, body: { question: "ok", priority: 9 } });
    expect(priority.status).toBe(422);
    expect(priority.json.error.message).toMatch(/priority/);
    expect(priority.json.error.message).not.toMatch(/question/);
  });

  it("404 for an unknown case and for another account's case, the same way", async () => {
    const theirs = await openCase(b.agentKey);
    for (const id of [randomUUID(), theirs.id, "not-a-uuid"]) {
      const get = await rest.getCase(a.agentKey, id);
      expect(get.status, `GET ${id}`).toBe(404);
      expect(get.json.error.code).toBe("not_found");
      expect((await call("POST", `/api/cases/${id}/claim`, { key: a.answerKey })).status, `claim ${id}`).toBe(404);
      expect((await call("GET", `/api/cases/${id}/messages`, { key: a.agentKey })).status, `messages ${id}`).toBe(404);
      expect((await rest.answer(a.answerKey, id, "hijack")).status, `post message ${id}`).toBe(404);
      expect((await call("POST", `/api/cases/${id}/cancel`, { key: a.agentKey })).status, `cancel ${id}`).toBe(404);
    }
    // Bravo's case is untouched and still its own.
    expect((await rest.getCase(b.agentKey, theirs.id)).json).toMatchObject({ status: "open", answer: null });
  });

  it("401 without credentials or with an unknown key", async () => {
    const anon = await call("GET", "/api/cases?status=open");
    expect(anon.status).toBe(401);
    expect(anon.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(anon.json.error.code).toBe("unauthorized");
    expect((await call("POST", "/api/cases", { body: { question: "anyone?" } })).status).toBe(401);
    expect((await call("GET", `/api/cases/${randomUUID()}`, { key: "sb_000000000000_nope" })).status).toBe(401);
  });
});

describe("REST: listing cases", () => {
  it("GET /api/cases?status=open lists only the caller's account", async () => {
    const mine = await openCase(a.agentKey);
    const theirs = await openCase(b.agentKey);
    const r = await call("GET", "/api/cases?status=open", { key: a.answerKey });
    expect(r.status).toBe(200);
    const ids = r.json.cases.map((c: any) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(r.json.cases.every((c: any) => c.status === "open")).toBe(true);
    const bravo = await call("GET", "/api/cases?status=open,claimed", { key: b.answerKey });
    expect(bravo.json.cases.map((c: any) => c.id)).toContain(theirs.id);
    expect(bravo.json.cases.map((c: any) => c.id)).not.toContain(mine.id);
  });

  it("order=oldest lists the longest-waiting cases first; a bad order is 422", async () => {
    const first = await openCase(a.agentKey);
    const second = await openCase(a.agentKey);
    const ids = (o: string) =>
      call("GET", `/api/cases?status=open&limit=200&order=${o}`, { key: a.answerKey }).then((r) => r.json.cases.map((c: any) => c.id));
    const oldest = await ids("oldest");
    expect(oldest.indexOf(first.id)).toBeLessThan(oldest.indexOf(second.id));
    const newest = await ids("newest");
    expect(newest.indexOf(second.id)).toBeLessThan(newest.indexOf(first.id));
    const bad = await call("GET", "/api/cases?order=random", { key: a.answerKey });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toMatch(/order/);
  });

  it("403 for a hitl:ask-only key, 422 for a bad status", async () => {
    expect((await call("GET", "/api/cases?status=open", { key: a.agentKey })).status).toBe(403);
    const bad = await call("GET", "/api/cases?status=open,pending", { key: a.answerKey });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toMatch(/status/);
  });
});

describe("REST: claiming", () => {
  it("one holder; others get 409 naming the holder and cannot answer; the holder can", async () => {
    const c = await openCase(a.agentKey);
    const claimed = await call("POST", `/api/cases/${c.id}/claim`, { key: a.answerKey });
    expect(claimed.status).toBe(200);
    expect(claimed.json).toMatchObject({ id: c.id, status: "claimed", claimedBy: { type: "api_key", name: "Alpha answer bridge" } });
    expect(claimed.json.claimedAt).toBeTruthy();
    // Re-claiming your own case is fine.
    expect((await call("POST", `/api/cases/${c.id}/claim`, { key: a.answerKey })).status).toBe(200);

    const operator = await login(baseUrl, a.operatorEmail, a.operatorPassword);
    expect(operator.status).toBe(200);
    const asOperator = { headers: { cookie: operator.cookie, origin: baseUrl } };
    const stolen = await call("POST", `/api/cases/${c.id}/claim`, asOperator);
    expect(stolen.status).toBe(409);
    expect(stolen.json.error.message).toContain("Alpha answer bridge");
    const human = await call("POST", `/api/cases/${c.id}/messages`, { ...asOperator, body: { content: "I'll take it" } });
    expect(human.status).toBe(409);
    expect(human.json.error.message).toContain("Alpha answer bridge");

    const answered = await rest.answer(a.answerKey, c.id, "Yes, we deliver there.");
    expect(answered.status).toBe(201);
    expect(answered.json.case).toMatchObject({
      status: "answered",
      answer: "Yes, we deliver there.",
      answeredBy: { name: "Alpha answer bridge" },
    });
    expect((await call("POST", `/api/cases/${c.id}/claim`, { key: a.answerKey })).status).toBe(409);
  });
});

describe("REST: messages", () => {
  it("an agent key posts as agent without answering; the list has exactly the public fields and filters by cursor", async () => {
    const c = await openCase(a.agentKey, { question: "What are your opening hours?" });
    const posted = await call("POST", `/api/cases/${c.id}/messages`, {
      key: a.agentKey,
      body: { content: "The caller says it is urgent." },
    });
    expect(posted.status).toBe(201);
    // One dialect: the message is camelCase like the case beside it; the snake_case names stay one release as aliases.
    expect(posted.json.message).toMatchObject({ senderType: "agent", content: "The caller says it is urgent.", caseId: c.id });
    expect(posted.json.message).toMatchObject({ sender_type: "agent", case_id: c.id, created_at: posted.json.message.createdAt });
    expect(posted.json.case.status).toBe("open");
    expect((await rest.getCase(a.agentKey, c.id)).json).toMatchObject({ status: "open", answer: null });

    const all = await call("GET", `/api/cases/${c.id}/messages`, { key: a.agentKey });
    expect(all.status).toBe(200);
    expect(all.json.messages.map((m: any) => [m.senderType, m.content])).toEqual([
      ["agent", "What are your opening hours?"],
      ["agent", "The caller says it is urgent."],
    ]);
    for (const m of all.json.messages) {
      expect(Object.keys(m).sort()).toEqual(["caseId", "case_id", "content", "createdAt", "created_at", "id", "senderType", "sender_type"]);
      expect(m.caseId).toBe(c.id);
      expect(Number.isNaN(Date.parse(m.createdAt))).toBe(false);
      expect([m.case_id, m.sender_type, m.created_at]).toEqual([m.caseId, m.senderType, m.createdAt]);
    }
    const [first, second] = all.json.messages;
    expect(second.id).toBeGreaterThan(first.id);
    expect(all.json.cursor).toBe(second.id);
    const after = await call("GET", `/api/cases/${c.id}/messages?after=${first.id}`, { key: a.agentKey });
    expect(after.json.messages.map((m: any) => m.id)).toEqual([second.id]);
  });

  it("long poll: held until the answer arrives; wait=0 returns at once; wait=99 is 422", async () => {
    const c = await openCase(a.agentKey);
    const list = await call("GET", `/api/cases/${c.id}/messages`, { key: a.agentKey });
    const last = list.json.cursor;
    expect(typeof last).toBe("number");

    const quick = Date.now();
    const now = await call("GET", `/api/cases/${c.id}/messages?after=${last}&wait=0`, { key: a.agentKey });
    expect(now.status).toBe(200);
    expect(now.json).toEqual({ messages: [], cursor: last });
    expect(Date.now() - quick).toBeLessThan(5_000); // wait=0 does not hold (the next poll holds for 10 s)

    const started = Date.now();
    const poll = call("GET", `/api/cases/${c.id}/messages?after=${last}&wait=10`, { key: a.agentKey });
    const answer = new Promise((r) => setTimeout(r, 500)).then(() => rest.answer(a.answerKey, c.id, "We open at 9."));
    const [held, posted] = await Promise.all([poll, answer]);
    const took = Date.now() - started;
    expect(posted.status).toBe(201);
    expect(held.status).toBe(200);
    expect(held.json.messages).toHaveLength(1);
    expect(held.json.messages[0]).toMatchObject({ senderType: "human", content: "We open at 9.", caseId: c.id });
    expect(held.json.cursor).toBe(held.json.messages[0].id);
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(10_000); // woken by the answer, before the 10 s wait ran out

    const tooLong = await call("GET", `/api/cases/${c.id}/messages?wait=99`, { key: a.agentKey });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.error.message).toMatch(/wait/);
  });
});

describe("REST: cancel, health and OpenAPI", () => {
  it("POST /api/cases/{id}/cancel withdraws an open case", async () => {
    const c = await openCase(a.agentKey);
    const r = await call("POST", `/api/cases/${c.id}/cancel`, { key: a.agentKey });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: c.id, status: "cancelled" });
    expect(r.json.closedAt).toBeTruthy();
    expect((await rest.answer(a.answerKey, c.id, "too late")).status).toBe(409);
    expect((await rest.getCase(a.agentKey, c.id)).json.status).toBe("cancelled");
  });

  it("GET /api/health reports database, kv, event bus and realtime up, each once (under dependencies)", async () => {
    const r = await call("GET", "/api/health");
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(["dependencies", "status"]);
    expect(r.json).toMatchObject({ status: "ok", dependencies: { database: { ok: true }, kv: { ok: true }, eventBus: { ok: true } } });
    expect(Object.keys(r.json.dependencies).sort()).toEqual(["database", "eventBus", "kv", "realtime"]);
    expect(r.json.dependencies.database.driver).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  it("GET /api/openapi.json describes the REST API", async () => {
    const r = await call("GET", "/api/openapi.json");
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe("3.0.3");
    expect(Object.keys(r.json.paths)).toEqual(
      expect.arrayContaining(["/api/cases", "/api/cases/{id}", "/api/cases/{id}/messages", "/api/cases/{id}/claim"]),
    );
    const create = r.json.components.schemas.CreateCase;
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(["question", "callbackUrl", "priority", "idempotencyKey"]));
    expect(create.required).toEqual(["question"]);
    expect(r.json.paths["/api/cases"].post.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/CreateCase");
    // A message is camelCase; its snake_case names are there one more release, marked deprecated.
    const message = r.json.components.schemas.Message.properties;
    for (const name of ["caseId", "senderType", "createdAt"]) expect(message[name]?.deprecated, name).toBeUndefined();
    for (const name of ["case_id", "sender_type", "created_at"]) {
      expect(message[name]?.deprecated, name).toBe(true);
      expect(message[name].description).toMatch(/Deprecated alias of \w+, removed in the next release/);
    }
  });
});
