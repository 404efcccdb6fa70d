import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { sign } from "retell-sdk";
import { api } from "./support/api";

/**
 * On the built app: a Retell-shaped client (signed with retell-sdk) calls ask_human as a custom
 * function with a call object; a person answers over REST; the function returns the answer. Tenant b.
 */
const { baseUrl, b } = inject("e2e");
const rest = api(baseUrl);
const RETELL_KEY = `key_e2e_${randomUUID().replace(/-/g, "")}`;

afterAll(async () => {
  await rest.heartbeat(b.answerKey, "away");
  await rest.call("DELETE", "/api/settings/retell", { key: b.adminKey });
});

describe("Retell custom functions on the built app", () => {
  it("a signed ask_human with a call object waits for the person and returns their answer", async () => {
    const put = await rest.call("PUT", "/api/settings/retell", { key: b.adminKey, body: { apiKey: RETELL_KEY } });
    expect(put.status, put.text).toBe(200);
    expect(put.text).not.toContain(RETELL_KEY);
    await rest.heartbeat(b.answerKey, "online");

    const question = `¿Abre la sucursal de Mérida el domingo? ${randomUUID()}`;
    const callId = `call_${randomUUID()}`;
    const raw = JSON.stringify({
      name: "ask_human",
      call: {
        call_id: callId,
        agent_id: "agent_e2e",
        direction: "inbound",
        from_number: "+14155550123",
        to_number: "+14155550999",
        transcript_object: [{ role: "user", content: "Hola, ¿está abierto el domingo? Ça dépend…" }],
      },
      args: { question, timeoutSeconds: 60 },
    });
    const send = async (signature?: string) =>
      rest.call("POST", "/api/retell/functions", { key: b.agentKey, raw, headers: signature ? { "x-retell-signature": signature } : {} });

    expect((await send()).status).toBe(401); // the account stored its Retell key: unsigned is refused
    const pending = send(await sign(raw, RETELL_KEY));
    const open = await rest.waitForOpenCase(b.answerKey, (c) => c.question === question);
    expect(open).toMatchObject({ callId, agentId: "agent_e2e", timeoutSeconds: 60, callerInfo: { phone: "+14155550123" } });
    expect(open.conversationHistory).toEqual([{ role: "user", content: "Hola, ¿está abierto el domingo? Ça dépend…" }]);
    expect((await rest.answer(b.answerKey, open.id, "Sí, de 10 a 16 h.")).status).toBe(201);
    const res = await pending;
    expect(res.status, res.text).toBe(200);
    expect(res.text.startsWith('{"message":')).toBe(true);
    expect(res.json).toMatchObject({ message: "Sí, de 10 a 16 h.", status: "answered", caseId: open.id });

    // Retell's retry of the same request: the same case, already answered.
    const retry = await send(await sign(raw, RETELL_KEY));
    expect(retry.json).toMatchObject({ status: "answered", caseId: open.id });
  }, 60_000);
});
