import { sign } from "retell-sdk";
import { POST as retellFunction } from "@/app/api/retell/functions/route";
import { POST as retellWebhook } from "@/app/api/webhooks/retell/route";
import { DELETE as deleteRetellKey, GET as getRetellKey, PUT as putRetellKey } from "@/app/api/settings/retell/route";
import { BASE, type App } from "@/tests/support/matrix/app-harness";

const noParams = { params: Promise.resolve({}) };

/** Calls POST /api/retell/functions in-process, the way Retell does: raw body, static headers, optional signature. */
export async function callFunction(
  app: App,
  opts: { key?: string; body: string | object; query?: string; signWith?: string; signature?: string; headers?: Record<string, string> },
) {
  const raw = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${app.keys.get(opts.key) ?? opts.key}`;
  if (opts.signature) headers["x-retell-signature"] = opts.signature;
  else if (opts.signWith) headers["x-retell-signature"] = await sign(raw, opts.signWith);
  const res = await retellFunction(new Request(`${BASE}/api/retell/functions${opts.query ?? ""}`, { method: "POST", headers, body: raw }));
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, any> };
}

/** PUT / GET / DELETE /api/settings/retell with one of the harness's keys. */
export async function retellSettings(app: App, method: "GET" | "PUT" | "DELETE", key: string, body?: object) {
  const handler = method === "GET" ? getRetellKey : method === "PUT" ? putRetellKey : deleteRetellKey;
  const req = new Request(`${BASE}/api/settings/retell`, {
    method,
    headers: { authorization: `Bearer ${app.keys.get(key)}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  const res = await handler(req, noParams);
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, any> };
}

/** A Retell call object mid-call: an inbound caller, metadata, dynamic variables and the transcript so far. */
export function retellCall(callId: string, transcript: Array<{ role: string; content: string }> = []) {
  return {
    call_id: callId,
    agent_id: "agent_retell_test",
    call_type: "phone_call",
    direction: "inbound",
    from_number: "+14155550123",
    to_number: "+14155550999",
    call_status: "ongoing",
    metadata: { crmId: "crm_42" },
    retell_llm_dynamic_variables: { customer_name: "Zoë" },
    transcript: transcript.map((t) => `${t.role === "agent" ? "Agent" : "User"}: ${t.content}`).join("\n"),
    transcript_object: transcript.map((t) => ({ ...t, words: [{ word: t.content.split(" ")[0], start: 0.1, end: 0.4 }] })),
  };
}

/** POSTs a Retell call webhook to /api/webhooks/retell in-process, signed by retell-sdk as Retell signs it. */
export async function sendWebhook(
  _app: App,
  opts: { accountId?: string; body: string | object; signWith?: string; signature?: string; query?: string },
) {
  const raw = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.signature) headers["x-retell-signature"] = opts.signature;
  else if (opts.signWith) headers["x-retell-signature"] = await sign(raw, opts.signWith);
  const query = opts.query ?? (opts.accountId ? `?account=${opts.accountId}` : "");
  const res = await retellWebhook(new Request(`${BASE}/api/webhooks/retell${query}`, { method: "POST", headers, body: raw }), noParams);
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, any> };
}

/** A Retell webhook call object: a finished inbound call with its transcript (word timings in seconds). */
export function endedCall(
  callId: string,
  turns: Array<{ role: "agent" | "user"; content: string; at: number }>,
  extra: Record<string, unknown> = {},
) {
  const start = Date.now() - 120_000;
  return {
    ...retellCall(callId),
    call_status: "ended",
    start_timestamp: start,
    end_timestamp: start + 95_000,
    duration_ms: 95_000,
    disconnection_reason: "user_hangup",
    transcript: turns.map((t) => `${t.role === "agent" ? "Agent" : "User"}: ${t.content}`).join("\n"),
    transcript_object: turns.map((t) => ({
      role: t.role,
      content: t.content,
      words: [{ word: t.content.split(" ")[0], start: t.at, end: t.at + 0.4 }],
    })),
    recording_url: "https://retell-recordings.example/rec.wav",
    ...extra,
  };
}
