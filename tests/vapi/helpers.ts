import { POST as vapiTools } from "@/app/api/vapi/tools/route";
import { POST as vapiWebhook } from "@/app/api/webhooks/vapi/route";
import { BASE, type App } from "@/tests/support/matrix/app-harness";
import type { VapiStandin } from "@/tests/support/vapi-standin";

const noParams = { params: Promise.resolve({}) };
type Auth = { key?: string; secret?: string; plainSecret?: string; headers?: Record<string, string> };

/** POST /api/vapi/tools in-process, the way Vapi calls a tool's server URL: raw body, the tool's static headers, the credential. */
export async function callTools(app: App, standin: VapiStandin, body: string | object, auth: Auth) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json", ...auth.headers };
  if (auth.key) headers.authorization = `Bearer ${app.keys.get(auth.key) ?? auth.key}`;
  if (auth.secret) Object.assign(headers, standin.signed(raw, auth.secret));
  if (auth.plainSecret) headers["x-vapi-secret"] = auth.plainSecret;
  const res = await vapiTools(new Request(`${BASE}/api/vapi/tools`, { method: "POST", headers, body: raw }));
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, any> };
}

/** The one result of a tools response, parsed (Vapi gets it as a string). */
export const resultOf = (json: Record<string, any>, i = 0) => JSON.parse(json.results[i].result) as Record<string, any>;

/** POST /api/webhooks/vapi?account=… in-process with the account's secret (HMAC credential, or the plain header). */
export async function sendServerMessage(_app: App, standin: VapiStandin, accountId: string, body: object, auth: Auth) {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json", ...auth.headers };
  if (auth.secret) Object.assign(headers, standin.signed(raw, auth.secret));
  if (auth.plainSecret) headers["x-vapi-secret"] = auth.plainSecret;
  const res = await vapiWebhook(
    new Request(`${BASE}/api/webhooks/vapi?account=${accountId}`, { method: "POST", headers, body: raw }),
    noParams,
  );
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, any> };
}
