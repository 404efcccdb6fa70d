import { createHmac } from "node:crypto";
import fc from "fast-check";
import { badCookie, badId, badQueryValue, badValue } from "./fuzz-values";
import { NO_SUCH_ID, type RouteSpec } from "./fuzz-routes";
import { ISOLATED_RETELL_KEY, ISOLATED_WEBHOOK_SECRET } from "./isolated-app";

export type Mutation =
  | { kind: "field"; name: string; value: unknown }
  | { kind: "query"; name: string; raw: string }
  | { kind: "id"; raw: string }
  | { kind: "raw"; body: string }
  | { kind: "cookie"; cookie: string };

export const mutation = (r: RouteSpec): fc.Arbitrary<Mutation> => {
  const names = [...Object.keys(r.body ?? {}), "extra"];
  const options: fc.Arbitrary<Mutation>[] = [fc.record({ kind: fc.constant("cookie" as const), cookie: badCookie })];
  if (r.body) options.push(fc.record({ kind: fc.constant("field" as const), name: fc.constantFrom(...names), value: badValue }));
  if (r.method !== "GET" && r.method !== "DELETE")
    options.push(
      fc.record({
        kind: fc.constant("raw" as const),
        body: fc.constantFrom("not json", "[]", "null", '"x"', "{", "[".repeat(5000), `{"a":${'{"a":'.repeat(40)}1${"}".repeat(41)}`),
      }),
    );
  if (r.query)
    options.push(fc.record({ kind: fc.constant("query" as const), name: fc.constantFrom(...Object.keys(r.query)), raw: badQueryValue }));
  if (r.path.includes("{id}")) options.push(fc.record({ kind: fc.constant("id" as const), raw: badId }));
  return fc.oneof(...options);
};

export async function send(iso: { baseUrl: string; key: string; accountId: string; sessionCookie?: string }, r: RouteSpec, m: Mutation) {
  const path = r.path.replace("{id}", m.kind === "id" ? m.raw : NO_SUCH_ID);
  const query = Object.entries({ ...r.query, ...(r.auth === "retell" ? { account: iso.accountId } : {}) }).map(
    ([k, v]) => `${k}=${m.kind === "query" && m.name === k ? m.raw : encodeURIComponent(v)}`,
  );
  const fields = m.kind === "field" ? { ...r.body, [m.name]: m.value } : r.body;
  const asForm = (o: Record<string, unknown>) =>
    new URLSearchParams(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? v : (JSON.stringify(v) ?? "")])).toString();
  const body = m.kind === "raw" ? m.body : fields ? (r.form ? asForm(fields) : JSON.stringify(fields)) : undefined;
  const headers: Record<string, string> = { origin: iso.baseUrl };
  if (body !== undefined) headers["content-type"] = r.form ? "application/x-www-form-urlencoded" : "application/json";
  if ((r.auth ?? "key") === "key" && m.kind !== "cookie") headers.authorization = `Bearer ${iso.key}`;
  if (r.auth === "signed" && body !== undefined)
    headers["x-webhook-signature"] = createHmac("sha256", ISOLATED_WEBHOOK_SECRET).update(body, "utf8").digest("hex");
  if (r.auth === "session" && iso.sessionCookie) headers.cookie = iso.sessionCookie;
  if (r.auth === "retell" && body !== undefined) {
    const v = String(Date.now());
    headers["x-retell-signature"] = `v=${v},d=${createHmac("sha256", ISOLATED_RETELL_KEY).update(body, "utf8").update(v).digest("hex")}`;
  }
  if (m.kind === "cookie") headers.cookie = m.cookie;
  const res = await fetch(`${iso.baseUrl}${path}${query.length ? `?${query.join("&")}` : ""}`, { method: r.method, headers, body });
  return { status: res.status, text: await res.text() };
}

/** The names a message may use to point at the problem. */
export const fieldNames = (r: RouteSpec, m: Mutation) => [
  "Content-Type",
  ...Object.keys(r.body ?? {}),
  ...Object.keys(r.query ?? {}),
  ...(m.kind === "field" ? [m.name] : []),
  "body",
  "JSON",
  "callerInfo",
];
