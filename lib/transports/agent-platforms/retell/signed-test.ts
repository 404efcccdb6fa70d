import { createHmac } from "node:crypto";
import { runSignedTest, signedTestInput, type SignedTestResult } from "@/lib/transports/agent-platforms/signed-test-input";
import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { AppError } from "@/lib/platform/errors";
import { getRetellApiKey } from "@/lib/domains/retell/credentials";
import { retellPlatform } from "@/lib/transports/agent-platforms/retell";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export { signedTestInput, type SignedTestResult };

/** X-Retell-Signature as Retell makes it: v=<unix ms>,d=hex HMAC-SHA256(key, body + timestamp). */
export function retellSignature(rawBody: string, retellKey: string, now = Date.now()): string {
  return `v=${now},d=${createHmac("sha256", retellKey)
    .update(rawBody + String(now))
    .digest("hex")}`;
}

/**
 * "Send a signed test request" (Connect Retell page): signs a Retell-shaped request with the account's stored
 * Retell API key exactly as Retell does, with the Switchboard key the admin is about to paste into Retell, and
 * runs it through the real /api/retell/functions handler (in-process: the same key check, signature check over
 * the raw bytes, scopes and tool). The tool is get_human_answer for a session that has no case: it reads
 * nothing and changes nothing. Reports what Retell would have got.
 */
export async function sendSignedTestRequest(
  deps: Pick<Deps, "db">,
  principal: Principal,
  raw: unknown,
  origin: string,
): Promise<SignedTestResult> {
  assertScope(principal, "admin");
  const parsed = parseOrThrow(signedTestInput, raw);
  const retellKey = await getRetellApiKey(deps.db, principal.accountId);
  if (!retellKey) throw new AppError("conflict", "Store your Retell API key first: the test signs with it, as Retell will.");
  const tool = "get_human_answer";
  const body = JSON.stringify({
    name: tool,
    call: { call_id: "switchboard_connect_test", agent_id: "switchboard_connect_test" },
    args: { sessionId: "switchboard-connect-test" },
  });
  return runSignedTest(retellPlatform, {
    url: `${origin}/api/retell/functions`,
    apiKey: parsed.apiKey,
    headers: { "x-retell-signature": retellSignature(body, retellKey) },
    body,
    tool,
    vendor: "Retell",
    checks: "the key and the signature",
  });
}
