import { z } from "zod";
import type { AgentPlatform } from "@/lib/transports/agent-platforms/port";
import { handleFunctionCall } from "@/lib/transports/agent-platforms/handle-function-call";

/** The connect pages' "Send a signed test request": the Switchboard API key the platform will send. */
export const signedTestInput = z.object({
  apiKey: z
    .string({ message: "must be a string (the Switchboard API key the platform's tools send)" })
    .trim()
    .min(8, "must be at least 8 characters")
    .max(200, "must be at most 200 characters"),
});

export type SignedTestResult = { ok: boolean; status: number; signed: boolean; tool: string; message: string; response: unknown };

/**
 * Runs a platform-shaped request, signed as the platform signs it, through the real function-call handler
 * (in-process: the same key check, signature check over the raw bytes, scopes and tool) and reports what the
 * platform would have got. The connect pages' signed test for every platform.
 */
export async function runSignedTest(
  platform: AgentPlatform,
  t: { url: string; apiKey: string; headers: Record<string, string>; body: string; tool: string; vendor: string; checks: string },
): Promise<SignedTestResult> {
  const res = await handleFunctionCall(
    platform,
    new Request(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.apiKey}`, ...t.headers },
      body: t.body,
    }),
  );
  const response = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  const ok = res.status === 200;
  const message = ok
    ? `${t.vendor}'s signed request was accepted: ${t.checks} check out, and the tool answered.`
    : `${t.vendor} would get ${res.status}: ${response?.error?.message ?? "no message"}`;
  return { ok, status: res.status, signed: true, tool: t.tool, message, response };
}
