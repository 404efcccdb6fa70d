import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { AppError } from "@/lib/platform/errors";
import { getVapiServerSecret } from "@/lib/domains/vapi/credentials";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { runSignedTest, signedTestInput, type SignedTestResult } from "@/lib/transports/agent-platforms/signed-test-input";
import { vapiPlatform } from "@/lib/transports/agent-platforms/vapi";
import { vapiHmac } from "@/lib/transports/agent-platforms/vapi/signature";

/**
 * "Send a signed test request" (Connect Vapi page): a Vapi-shaped tool-calls message signed with the account's
 * stored server secret as Vapi's HMAC credential does, with the Switchboard key the admin is about to put on the
 * tools, run through the real /api/vapi/tools handler (in-process). The tool is get_human_answer for a call that
 * has no case: it reads nothing and changes nothing.
 */
export async function sendVapiSignedTest(
  deps: Pick<Deps, "db">,
  principal: Principal,
  raw: unknown,
  origin: string,
): Promise<SignedTestResult> {
  assertScope(principal, "admin");
  const parsed = parseOrThrow(signedTestInput, raw);
  const secret = await getVapiServerSecret(deps.db, principal.accountId);
  if (!secret) throw new AppError("conflict", "Store your Vapi server secret first: the test signs with it, as Vapi will.");
  const tool = "get_human_answer";
  const body = JSON.stringify({
    message: {
      type: "tool-calls",
      toolCallList: [{ id: "switchboard_connect_test", name: tool, arguments: { sessionId: "switchboard-connect-test" } }],
      call: { id: "switchboard_connect_test", type: "webCall" },
    },
  });
  const timestamp = String(Date.now());
  return runSignedTest(vapiPlatform, {
    url: `${origin}/api/vapi/tools`,
    apiKey: parsed.apiKey,
    headers: { "x-timestamp": timestamp, "x-signature": vapiHmac(body, secret, timestamp) },
    body,
    tool,
    vendor: "Vapi",
    checks: "the key and the secret",
  });
}
