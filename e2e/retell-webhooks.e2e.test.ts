import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sign } from "retell-sdk";
import { ConsolePage } from "./pages/console-page";
import { AdminCallsPage } from "./pages/admin-calls-page";
import { api } from "./support/api";
import { launchBrowser, newContext, signIn, skipWithoutBrowser } from "./support/browser";

/**
 * Retell end to end on the built app, tenant b: a Retell-shaped client (signed with retell-sdk) calls ask_human
 * with a call object; an operator answers in the browser console, reading the caller's transcript; the
 * function returns the answer; the later signed call_ended webhook links call and case on the admin call page.
 */
const { baseUrl, b } = inject("e2e");
const rest = api(baseUrl);
const RETELL_KEY = `key_e2e_hooks_${randomUUID().replace(/-/g, "")}`;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("Retell: custom function → console → webhook → admin call page (real browser)", () => {
  let browser: Browser;
  let op: ConsolePage;

  beforeAll(async () => {
    expect((await rest.call("PUT", "/api/settings/retell", { key: b.adminKey, body: { apiKey: RETELL_KEY } })).status).toBe(200);
    browser = await launchBrowser();
    op = await ConsolePage.open(browser, baseUrl, b.operatorEmail, b.operatorPassword);
    for (let i = 0; i < 100 && (await rest.call("GET", "/api/presence", { key: b.answerKey })).json.online < 1; i++)
      await new Promise((r) => setTimeout(r, 100));
  }, 120_000);
  afterAll(async () => {
    await op?.close();
    await browser?.close();
    await rest.call("DELETE", "/api/settings/retell", { key: b.adminKey });
  });

  it("the operator answers seeing the transcript; the function returns it; call_ended links the call and the case", async () => {
    const callId = `call_${randomUUID().replace(/-/g, "")}`;
    const question = `Can the caller bring a dog to the Mérida terrace? ${randomUUID().slice(0, 8)}`;
    const said = "Hola — can I bring my dog to the terrace tonight?";
    const start = Date.now() - 30_000;
    const call = {
      call_id: callId,
      agent_id: "agent_e2e_terrace",
      call_type: "phone_call",
      direction: "inbound",
      call_status: "ongoing",
      from_number: "+14155550177",
      to_number: "+14155550999",
      start_timestamp: start,
      transcript_object: [
        { role: "agent", content: "Café Mérida, how can I help?", words: [{ word: "Café", start: 0.5, end: 0.9 }] },
        { role: "user", content: said, words: [{ word: "Hola", start: 4, end: 4.3 }] },
      ],
    };
    const raw = JSON.stringify({ name: "ask_human", call, args: { question, timeoutSeconds: 60 } });
    const pending = rest.call("POST", "/api/retell/functions", {
      key: b.agentKey,
      raw,
      headers: { "x-retell-signature": await sign(raw, RETELL_KEY) },
    });

    // The operator sees the question and, in the case, what the caller said so far.
    await op.waitForRow(question, 20_000);
    await op.row(question).click();
    await poll(() => op.caseQuestion.textContent()).toBe(question);
    const conversation = op.page.getByRole("list", { name: "Conversation" });
    await poll(() => conversation.textContent()).toContain(said);
    await op.page.getByRole("button", { name: /^Claim/ }).click();
    await poll(() => op.caseStatus.textContent()).toBe("Claimed by You");
    await op.reply.fill("Yes, dogs are welcome on the terrace.");
    await op.page.getByRole("button", { name: "Send answer" }).click();

    const res = await pending;
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ message: "Yes, dogs are welcome on the terrace.", status: "answered" });
    const caseId = res.json.caseId as string;

    // Later, Retell's signed call_ended webhook (account-specific URL) stores the call and links it.
    const ended = {
      ...call,
      call_status: "ended",
      end_timestamp: start + 90_000,
      duration_ms: 90_000,
      disconnection_reason: "user_hangup",
      transcript_object: [
        ...call.transcript_object,
        { role: "agent", content: "Yes, dogs are welcome on the terrace.", words: [{ word: "Yes", start: 75, end: 75.3 }] },
      ],
    };
    const hookRaw = JSON.stringify({ event: "call_ended", call: ended });
    const hook = await fetch(`${baseUrl}/api/webhooks/retell?account=${b.accountId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-retell-signature": await sign(hookRaw, RETELL_KEY) },
      body: hookRaw,
    });
    const hookBody = (await hook.json()) as { callId: string; status: string };
    expect(hook.status).toBe(200);
    expect(hookBody.status).toBe("completed");
    const replay = await fetch(`${baseUrl}/api/webhooks/retell?account=${b.accountId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-retell-signature": await sign(hookRaw, RETELL_KEY) },
      body: hookRaw,
    });
    expect(((await replay.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect((await rest.call("GET", `/api/cases/${caseId}`, { key: b.agentKey })).json.linkedCallId).toBe(hookBody.callId);

    // The admin call page: the transcript with the escalation where it happened, who answered, the wait.
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await signIn(page, b.adminEmail, b.adminPassword, `/admin/calls/${hookBody.callId}`);
    await page.goto(`/admin/calls/${hookBody.callId}`);
    const calls = new AdminCallsPage(page);
    await calls.page.getByRole("heading", { name: /Call from \+14155550177/ }).waitFor();
    const items = calls.transcriptTurns();
    await poll(() => items.count()).toBe(4);
    const texts = await items.allTextContents();
    expect(texts[1]).toContain(said);
    expect(texts[2]).toContain(question);
    expect(texts[2]).toMatch(/answered by/);
    expect(texts[2]).toMatch(/the caller waited [\d.]+ s/);
    expect(texts[3]).toContain("dogs are welcome");
    expect(await calls.fact("Retell agent").textContent()).toBe("agent_e2e_terrace");
    await ctx.close();
  }, 120_000);
});
