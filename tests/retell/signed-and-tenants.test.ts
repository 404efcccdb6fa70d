import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { symmetric } from "retell-sdk/lib/webhook_auth";
import { createCase } from "@/lib/domains/hitl/create-case";
import { auditLog, cases, retellCredentials } from "@/lib/adapters/db/schema";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { callFunction, retellCall, retellSettings } from "@/tests/retell/helpers";
import { openFrom } from "@/lib/adapters/db/sealed-columns";

/** With the account's Retell API key stored, every request must carry a valid X-Retell-Signature. */
let app: App;
const KEY_A = "key_retellA_5f2c9e1d7b3a";
const KEY_B = "key_retellB_0a1b2c3d4e5f";
beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => app?.close());

const uniq = () => Math.random().toString(36).slice(2, 10);
const askBody = () => ({
  name: "ask_human",
  call: retellCall(`call_${uniq()}`, [{ role: "user", content: "¿La sucursal de Mérida abre el domingo? Ça dépend… 🙂" }]),
  args: { question: `¿Abre la sucursal de Mérida el domingo? ${uniq()}` },
});

describe("Retell API key (write-only) and X-Retell-Signature", () => {
  it("PUT stores the key and answers only whether one is set and its last 4; GET never shows it; admin only", async () => {
    expect((await retellSettings(app, "PUT", "hitl:ask", { apiKey: KEY_A })).status).toBe(403);
    const put = await retellSettings(app, "PUT", "admin key", { apiKey: KEY_A });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ apiKeySet: true, apiKeyLast4: KEY_A.slice(-4) });
    const get = await retellSettings(app, "GET", "admin key");
    expect(get.json).toMatchObject({ apiKeySet: true, apiKeyLast4: "7b3a" });
    for (const text of [put.text, get.text]) expect(text).not.toContain(KEY_A);
    const audits = await app.deps.db.select().from(auditLog).where(eq(auditLog.action, "account.retell_key_set"));
    expect(JSON.stringify(audits)).not.toContain(KEY_A);
    expect((await retellSettings(app, "PUT", "admin key", { apiKey: "short" })).status).toBe(422);
  });

  it("accepts a body signed by retell-sdk with the stored key — accented transcript included, verified over the raw bytes", async () => {
    const res = await callFunction(app, { key: "hitl:ask", body: askBody(), signWith: KEY_A });
    expect(res.status).toBe(200);
    expect(res.json.caseId).toBeTruthy();
    // Bytes as Retell might send them (\u escapes, spacing), signed as sent.
    const raw = JSON.stringify(askBody())
      .replace(/é/g, "\\u00e9")
      .replace(/,"args"/, ', "args"');
    expect((await callFunction(app, { key: "hitl:ask", body: raw, signWith: KEY_A })).status).toBe(200);
    // A signer that signed the re-serialised body does not match what arrived.
    const resigned = await callFunction(app, {
      key: "hitl:ask",
      body: raw,
      signature: await symmetric.sign(JSON.stringify(JSON.parse(raw)), KEY_A),
    });
    expect(resigned.status).toBe(401);
  });

  it("refuses a missing header, a wrong key, a stale timestamp and a tampered body — and nothing is created", async () => {
    const body = askBody();
    const raw = JSON.stringify(body);
    const attempts = [
      await callFunction(app, { key: "hitl:ask", body: raw }),
      await callFunction(app, { key: "hitl:ask", body: raw, signWith: KEY_B }),
      await callFunction(app, { key: "hitl:ask", body: raw, signature: await symmetric.sign(raw, KEY_A, Date.now() - 5 * 60_000 - 5_000) }),
      await callFunction(app, { key: "hitl:ask", body: raw.replace("Mérida", "Merida"), signature: await symmetric.sign(raw, KEY_A) }),
      await callFunction(app, { key: "hitl:ask", body: raw, signature: "v=1,d=zz" }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(attempts[0]!.json.error.message).toMatch(/X-Retell-Signature/);
    expect(await app.deps.db.select().from(cases).where(eq(cases.question, body.args.question))).toHaveLength(0);
  });

  it("tenant isolation: another account's key never sees this account's case, and each account's Retell key signs only for it", async () => {
    const mine = (await createCase(app.deps, app.agent, { question: `Account A's secret ${uniq()}?` }, { source: "api" })).case;
    // Account B (no Retell key stored): unsigned requests pass, but A's case is not found.
    const peek = await callFunction(app, { key: "other account", body: { name: "get_human_answer", args: { caseId: mine.id } } });
    expect(peek.status).toBe(200);
    expect(peek.json).toMatchObject({ status: "error", error: { code: "not_found" } });
    expect(peek.text).not.toContain(mine.question);
    const cancel = await callFunction(app, { key: "other account", body: { name: "cancel_human_request", args: { caseId: mine.id } } });
    expect(cancel.json.error.code).toBe("not_found");
    // B stores its own Retell key: a request signed with A's key is refused for B, signed with B's accepted.
    expect((await retellSettings(app, "PUT", "other account", { apiKey: KEY_B })).status).toBe(200);
    expect((await callFunction(app, { key: "other account", body: askBody(), signWith: KEY_A })).status).toBe(401);
    expect((await callFunction(app, { key: "other account", body: askBody(), signWith: KEY_B })).status).toBe(200);
    // Each account's key is stored sealed (lib/platform/secrets) and opens only as its own row's.
    const stored = await app.deps.db.select().from(retellCredentials);
    expect(stored.map((r) => r.apiKey)).not.toContain(KEY_A);
    expect(stored.map((r) => r.apiKey)).not.toContain(KEY_B);
    const opened = stored.map((r) => openFrom("retell_credentials.api_key", r.accountId, r.apiKey, r.apiKeyKeyId));
    expect(opened.sort()).toEqual([KEY_A, KEY_B].sort());
  });

  it("DELETE forgets the key: requests are then authenticated by the API key alone", async () => {
    expect((await callFunction(app, { key: "hitl:ask", body: askBody() })).status).toBe(401);
    const del = await retellSettings(app, "DELETE", "admin key");
    expect(del.json).toEqual({
      apiKeySet: false,
      apiKeyLast4: null,
      updatedAt: null,
      placeCalls: false,
      callsAgentId: null,
      callsFromNumber: null,
    });
    expect((await callFunction(app, { key: "hitl:ask", body: askBody() })).status).toBe(200);
  });
});
