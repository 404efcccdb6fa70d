import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as memoryRoute from "@/app/api/memory/route";
import * as entryRoute from "@/app/api/memory/[id]/route";
import * as reusedRoute from "@/app/api/memory/[id]/reused/route";
import * as settingsRoute from "@/app/api/memory/settings/route";
import * as importRoute from "@/app/api/memory/import/route";
import * as exportRoute from "@/app/api/memory/export/route";
import * as fromCaseRoute from "@/app/api/memory/from-case/route";
import * as suggestionsRoute from "@/app/api/cases/[id]/suggestions/route";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";

/** The memory REST API in-process on a real database: import/export, CRUD, settings, save-from-case, suggestions. */
let app: App;
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: unknown,
  method: string,
  path: string,
  opts: { key?: string; cookie?: Record<string, string>; body?: unknown; csv?: string; params?: Record<string, string> } = {},
) {
  // A browser session must come from our own origin (CSRF); keys need no origin.
  const headers: Record<string, string> = opts.cookie
    ? { ...opts.cookie, origin: BASE, host: new URL(BASE).host }
    : { authorization: `Bearer ${app.keys.get(opts.key ?? "admin key")}` };
  let body: string | undefined;
  if (opts.csv !== undefined) {
    headers["content-type"] = "text/csv";
    body = opts.csv;
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  const res = await (handler as Handler)(new Request(`${BASE}${path}`, { method, headers, body }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, text, json, type: res.headers.get("content-type") ?? "" };
}

const FAQ = `question,answer,tags,validUntil,answeredBy,approvedForAuto
Do you validate parking?,"Yes, at the host stand.",parking;front desk,,Front desk FAQ,true
Are you open on Sunday?,Sundays 10 am to 4 pm.,hours,,Front desk FAQ,false
"Is there a corkage fee?","=15 dollars per bottle",,2099-01-01T00:00:00Z,,no
`;

beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => app?.close());

describe("memory REST API", () => {
  it("imports an FAQ as CSV, all or nothing, and exports it back as CSV and JSON", async () => {
    const bad = await call(importRoute.POST, "POST", "/api/memory/import", { csv: "question,answer\nOK?,Yes\nNo answer?,\n" });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/entries\.1\.answer/);
    expect((await call(memoryRoute.GET, "GET", "/api/memory")).json.entries).toEqual([]);

    const ok = await call(importRoute.POST, "POST", "/api/memory/import", { csv: FAQ });
    expect(ok.status).toBe(201);
    expect(ok.json).toEqual({ imported: 3 });
    const list = (await call(memoryRoute.GET, "GET", "/api/memory?q=parking")).json.entries;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ tags: ["parking", "front desk"], approvedForAuto: true, answeredBy: { name: "Front desk FAQ" } });

    const csv = await call(exportRoute.GET, "GET", "/api/memory/export?format=csv");
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.text).toContain(`"Yes, at the host stand."`);
    expect(csv.text).toContain("'=15 dollars per bottle"); // a spreadsheet never runs it as a formula
    // The export imports into another account as it was (the defused cell comes back as written).
    const again = await call(importRoute.POST, "POST", "/api/memory/import", { key: "other account", csv: csv.text });
    expect(again.json).toEqual({ imported: 3 });
    const theirs = await call(exportRoute.GET, "GET", "/api/memory/export?format=json", { key: "other account" });
    const corkage = theirs.json.entries.find((e: { question: string }) => e.question.includes("corkage"));
    expect(corkage).toMatchObject({ answer: "=15 dollars per bottle", validUntil: "2099-01-01T00:00:00.000Z" });
    expect((await call(exportRoute.GET, "GET", "/api/memory/export?format=xml")).text).toMatch(/format/);
  });

  it("edits, approves, expires and deletes; another account's entry is a 404", async () => {
    const created = await call(memoryRoute.POST, "POST", "/api/memory", {
      body: { question: "Do you have high chairs?", answer: "Yes, four." },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json.approvedForAuto).toBe(false);
    const patched = await call(entryRoute.PATCH, "PATCH", `/api/memory/${id}`, {
      params: { id },
      body: { approvedForAuto: true, answer: "Yes, six." },
    });
    expect(patched.json).toMatchObject({ approvedForAuto: true, answer: "Yes, six." });
    expect(patched.json.approvedAt).toBeTruthy();
    const badDate = await call(entryRoute.PATCH, "PATCH", `/api/memory/${id}`, { params: { id }, body: { validUntil: "tomorrow" } });
    expect(badDate.status).toBe(422);
    expect(badDate.text).toMatch(/validUntil/);
    expect((await call(entryRoute.GET, "GET", `/api/memory/${id}`, { params: { id }, key: "other account" })).status).toBe(404);
    expect((await call(entryRoute.DELETE, "DELETE", `/api/memory/${id}`, { params: { id }, key: "other account" })).status).toBe(404);
    expect((await call(entryRoute.DELETE, "DELETE", `/api/memory/${id}`, { params: { id } })).status).toBe(204);
    expect((await call(entryRoute.GET, "GET", `/api/memory/${id}`, { params: { id } })).status).toBe(404);
  });

  it("settings: automatic answers default to on once an entry is approved; off and a threshold stick; bad values name the field", async () => {
    const s = await call(settingsRoute.GET, "GET", "/api/memory/settings");
    expect(s.json).toMatchObject({
      autoAnswer: true,
      autoAnswerSetting: null,
      thresholdSetting: null,
      threshold: app.deps.config.MEMORY_AUTO_THRESHOLD,
    });
    const off = await call(settingsRoute.PATCH, "PATCH", "/api/memory/settings", { body: { autoAnswer: false, threshold: 0.8 } });
    expect(off.json).toMatchObject({ autoAnswer: false, autoAnswerSetting: false });
    expect(off.json.threshold).toBeCloseTo(0.8, 5);
    const bad = await call(settingsRoute.PATCH, "PATCH", "/api/memory/settings", { body: { threshold: 2 } });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/threshold/);
    await call(settingsRoute.PATCH, "PATCH", "/api/memory/settings", { body: { autoAnswer: null, threshold: null } });
  });

  it("an operator saves the answer they gave; the next case in other words is suggested it; inserting it counts a reuse", async () => {
    const operator = await app.credential("operator");
    const first = (await createCase(app.deps, app.agent, { question: "Can I bring my dog on the terrace?" }, { source: "api" })).case.id;
    const early = await call(fromCaseRoute.POST, "POST", "/api/memory/from-case", { cookie: operator, body: { caseId: first } });
    expect(early.status, early.text).toBe(409); // not answered yet
    await postMessage(app.deps, app.adminKey, first, { content: "Dogs are welcome on the terrace, not inside." });
    const saved = await call(fromCaseRoute.POST, "POST", "/api/memory/from-case", { cookie: operator, body: { caseId: first } });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ question: "Can I bring my dog on the terrace?", sourceCaseId: first, approvedForAuto: false });
    expect(saved.json.answeredBy.name).toBe(app.operator.name);
    const asOtherAccount = await call(fromCaseRoute.POST, "POST", "/api/memory/from-case", {
      key: "other account",
      body: { caseId: first },
    });
    expect(asOtherAccount.status).toBe(404);

    const next = (await createCase(app.deps, app.agent, { question: "are dogs allowed on your terrace?" }, { source: "api" })).case.id;
    const s = await call(suggestionsRoute.GET, "GET", `/api/cases/${next}/suggestions`, { cookie: operator, params: { id: next } });
    expect(s.status).toBe(200);
    expect(s.json.suggestions[0]).toMatchObject({
      id: saved.json.id,
      answer: "Dogs are welcome on the terrace, not inside.",
      answeredBy: app.operator.name,
    });
    const id = saved.json.id as string;
    const reused = await call(reusedRoute.POST, "POST", `/api/memory/${id}/reused`, { cookie: operator, params: { id } });
    expect(reused.json).toEqual({ reused: 1 });
    const entry = (await call(entryRoute.GET, "GET", `/api/memory/${id}`, { params: { id } })).json;
    expect(entry.counts).toEqual({ suggested: 1, reused: 1, autoUsed: 0 });
  });
});
