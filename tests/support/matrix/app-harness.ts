import { createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { createMember } from "@/lib/domains/members/members";
import { SCOPES, type Principal, type Scope } from "@/lib/domains/auth/principal";
import { connectApp } from "@/tests/support/oauth";
import { createSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import { getConfig, resetConfig } from "@/lib/platform/config/env";
import { resetProcessDeps, provideProcessDeps } from "@/lib/composition/deps";
import { createSimulatorTelephony } from "@/lib/adapters/telephony/simulator";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import type { Kind } from "@/tests/support/matrix/readme-matrix";

export const BASE = "http://127.0.0.1:3000";
export const CRON_SECRET = "matrix-cron-secret-0123456789abcdef";
export const SIM_SECRET = "matrix-sim-webhook-secret-0123456789";
/** The Retell API key the matrix stores (PUT /api/settings/retell) and signs Retell requests with. */
export const RETELL_KEY = "key_matrix_retell_0123456789abcdef";
// No request leaves the machine: the weather and ntfy vendors point at a closed loopback port (tests that
// need them start stand-ins and set these again).
const OFFLINE_VENDORS = {
  OPEN_METEO_GEOCODING_URL: "http://127.0.0.1:9",
  OPEN_METEO_FORECAST_URL: "http://127.0.0.1:9",
  OPENWEATHER_BASE_URL: "http://127.0.0.1:9",
  NTFY_DEFAULT_SERVER_URL: "http://127.0.0.1:9",
};
const ENV = {
  LOG_LEVEL: "silent",
  CRON_SECRET,
  API_RATE_LIMIT_PER_MINUTE: "100000",
  APP_URL: BASE,
  CREDITS_STARTING_BALANCE: "100000",
  REALTIME_DRIVER: "sse",
  // The ntfy and callback stand-ins the suites start listen on 127.0.0.1, which the outbound guard refuses
  // unless told otherwise (tests/outbound/ proves the refusal with this off).
  OUTBOUND_ALLOW_LOOPBACK: "true",
  // Late answers are spoken only into control URLs on Vapi's hosts; the Vapi stand-in listens on 127.0.0.1.
  VAPI_CONTROL_HOSTS: "vapi.ai,127.0.0.1",
  ...OFFLINE_VENDORS,
};
const KEY_SCOPES: Scope[] = ["hitl:ask", "hitl:answer", "replies:write", "calls:read", "calls:write"];

/**
 * The app as `next start` builds it — getDeps() — but on a fresh test database: the process's deps are
 * seeded with the test's database, kv and bus, and the simulator (webhooks off,
 * on a clock the test moves). Route handlers and /api/mcp are then called in-process, unmocked.
 */
export async function startApp() {
  const savedEnv = { ...process.env };
  Object.assign(process.env, ENV);
  resetConfig();
  const deps: TestDeps = await createTestDeps(ENV);
  const clock = { now: Date.now() };
  const telephony = createSimulatorTelephony({ speed: 1, webhookSecret: SIM_SECRET, webhooks: false, now: () => clock.now });
  provideProcessDeps({ database: deps.database, kv: deps.kv, bus: deps.bus, telephony });
  const calls = { ...deps, config: getConfig(), telephony };

  const a = await createAccount(deps.db, { name: "Matrix A" });
  const b = await createAccount(deps.db, { name: "Matrix B" });
  const newKey = async (accountId: string, scopes: Scope[]) =>
    (await createApiKey(deps.db, { accountId, name: `matrix ${scopes.join(" ")}`, scopes })).key;
  const keys = new Map<string, string>();
  for (const s of KEY_SCOPES) keys.set(s, await newKey(a.account.id, [s]));
  keys.set("admin key", await newKey(a.account.id, ["admin"]));
  keys.set("other account", await newKey(b.account.id, ["admin"]));
  const principal = async (k: string) => (await verifyApiKey(deps, keys.get(k)!))! as Principal;
  const member = async (role: "operator" | "admin") =>
    createMember(deps.db, a.account.id, {
      email: `${role}-${Math.random().toString(36).slice(2, 8)}@matrix.test`,
      password: "correct horse battery",
      role,
      name: role,
    });
  const operator = await member("operator");
  const admin = await member("admin");
  // An app an operator connected by signing in (OAuth): it acts as that operator, for /api/mcp only. Another
  // operator than the cookie column's: the walk changes that one's password, which disconnects their apps.
  const appOperator = await member("operator");
  const operatorPrincipal = {
    kind: "member" as const,
    accountId: a.account.id,
    memberId: appOperator.id,
    role: appOperator.role,
    email: appOperator.email,
    name: appOperator.name,
  };
  const oauthOperator = await connectApp(deps.db, operatorPrincipal, { origin: BASE, scope: SCOPES.join(" ") });

  /** The request headers a credential kind sends (a fresh session per request: logout ends one). */
  async function credential(kind: Kind): Promise<Record<string, string>> {
    if (kind === "none") return {};
    if (kind === "cron secret") return { authorization: `Bearer ${CRON_SECRET}` };
    if (kind === "oauth operator") return { authorization: `Bearer ${oauthOperator.access_token}` };
    if (kind === "operator" || kind === "admin") {
      const { token } = await createSession(deps, (kind === "operator" ? operator : admin).id);
      return { cookie: `${SESSION_COOKIE}=${token}` };
    }
    return { authorization: `Bearer ${keys.get(kind)}` };
  }

  return {
    deps,
    calls,
    clock,
    accountA: a.account,
    accountB: b.account,
    keys,
    agent: await principal("hitl:ask"),
    adminKey: await principal("admin key"),
    newMember: member,
    operator,
    admin,
    credential,
    close: async () => {
      resetProcessDeps();
      await deps.close();
      process.env = savedEnv;
      resetConfig();
    },
  };
}
export type App = Awaited<ReturnType<typeof startApp>>;
