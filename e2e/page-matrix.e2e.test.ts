import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { requestWithHost } from "./support/host-request";

const { baseUrl, a } = inject("e2e");

/**
 * Who may open which page, against `next start`: every page file under app/ (found on disk, so a new page
 * without a row here fails) × signed out / operator / admin, and the same pages addressed to a foreign host
 * (a DNS-rebinding page on evil.example, Host and Origin both its own): 403 for everyone, cookie or not.
 */
type Outcome = 200 | 403 | 404 | "sign-in" | "setup→sign-in";
type Row = { path: string; none: Outcome; operator: Outcome; admin: Outcome };

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const member = (path: string): Row => ({ path, none: "sign-in", operator: 200, admin: 200 });
const adminOnly = (path: string, admin: Outcome = 200): Row => ({ path, none: "sign-in", operator: 403, admin });

const PAGES: Record<string, Row> = {
  "/": { path: "/", none: 200, operator: 200, admin: 200 },
  "/login": { path: "/login", none: 200, operator: 200, admin: 200 },
  "/setup": { path: "/setup", none: "setup→sign-in", operator: "setup→sign-in", admin: "setup→sign-in" },
  // No client: the page says so itself (never a redirect anywhere), signed in or not.
  "/oauth/authorize": { path: "/oauth/authorize?response_type=token&client_id=sbc_nope", none: 200, operator: 200, admin: 200 },
  "/account/password": member("/account/password"),
  "/console": member("/console"),
  "/console/history": member("/console/history"),
  "/console/canned-replies": member("/console/canned-replies"),
  "/admin": adminOnly("/admin"),
  "/admin/answers": adminOnly("/admin/answers"),
  "/admin/calls": adminOnly("/admin/calls"),
  "/admin/calls/[id]": adminOnly(`/admin/calls/${UNKNOWN_ID}`, 404),
  "/admin/canned-replies": adminOnly("/admin/canned-replies"),
  "/admin/channels": adminOnly("/admin/channels"),
  "/admin/connected-apps": adminOnly("/admin/connected-apps"),
  "/admin/credits": adminOnly("/admin/credits"),
  "/admin/dead-letters": adminOnly("/admin/dead-letters"),
  "/admin/golf": adminOnly("/admin/golf"),
  "/admin/golf/courses/[id]": adminOnly(`/admin/golf/courses/${UNKNOWN_ID}`), // shows "no such course" itself
  "/admin/golf/reservations": adminOnly("/admin/golf/reservations"),
  "/admin/keys": adminOnly("/admin/keys"),
  "/admin/members": adminOnly("/admin/members"),
  "/admin/metrics": adminOnly("/admin/metrics"),
  "/admin/notifications": adminOnly("/admin/notifications"),
  "/admin/retell": adminOnly("/admin/retell"),
  "/admin/vapi": adminOnly("/admin/vapi"),
  "/admin/sheets": adminOnly("/admin/sheets"),
};

const APP = path.resolve(import.meta.dirname, "..", "app");
function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pageFiles(path.join(dir, e.name)) : e.name === "page.tsx" ? [path.join(dir, e.name)] : [],
  );
}
const routeOf = (file: string) => `/${path.relative(APP, path.dirname(file)).split(path.sep).join("/")}`.replace(/\/$/, "") || "/";

const cookies: Record<"none" | "operator" | "admin", string> = { none: "", operator: "", admin: "" };
async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

function outcomeOf(status: number, location: string | null): Outcome | string {
  if (status === 307 || status === 303 || status === 302) {
    const to = new URL(location ?? "", baseUrl);
    if (to.origin !== baseUrl) return `redirect off-site to ${to.href}`;
    if (to.pathname === "/login") return "sign-in";
    return `redirect to ${to.pathname}`;
  }
  return status as Outcome;
}

beforeAll(async () => {
  cookies.operator = await signIn(a.operatorEmail, a.operatorPassword);
  cookies.admin = await signIn(a.adminEmail, a.adminPassword);
}, 60_000);

describe("permission matrix: pages (next start)", () => {
  it("every page file has a row here", () => {
    const found = pageFiles(APP)
      .map(routeOf)
      .filter((p) => !p.includes("("))
      .sort();
    expect(found).toEqual(Object.keys(PAGES).sort());
  });

  it("every page × signed out / operator / admin gives the expected outcome, and never leaves the site", async () => {
    const failures: string[] = [];
    for (const row of Object.values(PAGES)) {
      for (const kind of ["none", "operator", "admin"] as const) {
        const res = await fetch(`${baseUrl}${row.path}`, { redirect: "manual", headers: cookies[kind] ? { cookie: cookies[kind] } : {} });
        await res.body?.cancel();
        const got = outcomeOf(res.status, res.headers.get("location"));
        const expected = row[kind] === "setup→sign-in" ? "sign-in" : row[kind];
        if (got !== expected) failures.push(`${row.path} × ${kind}: expected ${expected}, got ${got}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("every page addressed to a foreign host (DNS rebinding: Host and Origin evil.example) is refused, cookie or not", async () => {
    const evil = `evil.example:${new URL(baseUrl).port}`;
    const failures: string[] = [];
    for (const row of Object.values(PAGES)) {
      for (const kind of ["none", "operator", "admin"] as const) {
        const res = await requestWithHost(baseUrl, {
          path: row.path,
          host: evil,
          headers: { origin: `http://${evil}`, ...(cookies[kind] ? { cookie: cookies[kind] } : {}) },
        });
        if (res.status !== 403 || !/not this deployment/.test(res.text))
          failures.push(`${row.path} × ${kind} from ${evil}: ${res.status} ${res.text.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
