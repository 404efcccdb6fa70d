import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { AppError } from "@/lib/platform/errors";
import { getVapiServerSecret } from "@/lib/domains/vapi/credentials";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { handleFunctionCall } from "@/lib/transports/agent-platforms/handle-function-call";
import { signedTestInput, type SignedTestResult } from "@/lib/transports/agent-platforms/signed-test-input";
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
  const res = await handleFunctionCall(
    vapiPlatform,
    new Request(`${origin}/api/vapi/tools`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${parsed.apiKey}`,
        "x-timestamp": timestamp,
        "x-signature": vapiHmac(body, secret, timestamp),
      },
      body,
    }),
  );
  const response = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  const ok = res.status === 200;
  const message = ok
    ? "Vapi's signed request was accepted: the key and the secret check out, and the tool answered."
    : `Vapi would get ${res.status}: ${response?.error?.message ?? "no message"}`;
  return { ok, status: res.status, signed: true, tool, message, response };
}
