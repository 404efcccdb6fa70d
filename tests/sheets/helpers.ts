import { generateKeyPairSync } from "node:crypto";
import { scaledClock, type Clock } from "@/lib/domains/sheets/clock";
import { createSheetsDrainer } from "@/lib/domains/sheets/drain";
import { createSheetsPort } from "@/lib/domains/sheets";
import { TABS } from "@/lib/domains/sheets/layout";
import { startSheetsStandin, type SheetsStandin } from "@/tests/support/sheets-standin";
import { createCallsTestDeps, type CallsTestDeps } from "@/tests/calls/helpers";

export const SPREADSHEET_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
export const EMAIL = "switchboard-log@test-project.iam.gserviceaccount.com";

/** A test RSA key for the service account; the stand-in verifies the token request's JWT with its public half. */
export function testServiceAccountKey() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/**
 * Real database + real domain code + the Sheets stand-in, on a clock 60× faster than the wall: Google's
 * minute of quota and its backoff (1 s base, 64 s cap) keep their documented values in the drainer's time.
 */
export async function createSheetsHarness(env: Record<string, string> = {}, o: { scale?: number; quota?: number } = {}) {
  const key = testServiceAccountKey();
  const clock: Clock = scaledClock(o.scale ?? 60);
  const standin: SheetsStandin = await startSheetsStandin({
    spreadsheetId: SPREADSHEET_ID,
    clientEmail: EMAIL,
    publicKeyPem: key.publicPem,
    quotaPerMinute: o.quota ?? 60,
    now: clock.now,
    hangMs: 1500,
  });
  const deps: CallsTestDeps = await createCallsTestDeps({
    CREDITS_STARTING_BALANCE: "100000",
    SHEETS_SPREADSHEET_ID: SPREADSHEET_ID,
    SHEETS_SERVICE_ACCOUNT_EMAIL: EMAIL,
    // One line with literal \n, as hosting dashboards store it.
    SHEETS_PRIVATE_KEY: key.privatePem.replace(/\n/g, "\\n"),
    SHEETS_API_URL: standin.url,
    SHEETS_TOKEN_URL: standin.tokenUrl,
    SHEETS_TIMEOUT_MS: "400",
    SHEETS_BREAKER_THRESHOLD: "5",
    SHEETS_BREAKER_RESET_MS: "400",
    SHEETS_MAX_RUN_SECONDS: "600",
    SHEETS_BATCH_ROWS: "25",
    ...env,
  });
  const drainer = createSheetsDrainer({ deps, port: createSheetsPort(deps.config), clock });
  const tab = (type: keyof typeof TABS) => standin.read(`'${TABS[type].title}'`);
  return {
    deps,
    standin,
    drainer,
    clock,
    tab,
    /** Runs the drainer until a run finds nothing to do (bounded). */
    async drainAll(maxRuns = 200) {
      for (let i = 0; i < maxRuns; i++) {
        const r = await drainer.run();
        if (r.status === "drained" && r.batches === 0) return;
        if (r.status === "breaker_open") await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error("the outbox did not drain");
    },
    async close() {
      await deps.close();
      await standin.close();
    },
  };
}

export type SheetsHarness = Awaited<ReturnType<typeof createSheetsHarness>>;
