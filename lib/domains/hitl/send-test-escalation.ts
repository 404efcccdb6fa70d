import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { withdrawCase } from "@/lib/domains/hitl/close-case";
import type { ToolResult } from "@/lib/domains/hitl/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export const testEscalationInput = z
  .object({
    timeoutSeconds: z.number().int().min(5, "must be at least 5").max(55, "must be at most 55").optional(),
    testId: z
      .string()
      .uuid("must be a UUID")
      .optional()
      .describe("Chosen by the console, so it can tell its test case in the queue (callId test_<testId>); a new one per click."),
  })
  .strict();

export const TEST_QUESTION = "Test escalation: is the Elm Street branch open on Sunday?";

/**
 * "Send a test escalation" from the console's empty queue: the same ask_human path an agent's tool call
 * takes — create the case, publish it, wait for a person — on behalf of the member who clicked, marked
 * `source: "test"`. The request stays open like a tool call would, so the member sees their answer come
 * back to the waiting "agent" (or the sentence an agent would hear). No API key involved.
 *
 * Once the test agent stops waiting without an answer (timed out, told nobody is online, or the console went
 * away), nobody will ever hear one: the test case is withdrawn, so it neither sits in the queue as if
 * someone waited nor hides the button for the next try.
 */
export async function sendTestEscalation(deps: Deps, principal: Principal, raw: unknown, signal?: AbortSignal): Promise<ToolResult> {
  const input = parseOrThrow(testEscalationInput, raw ?? {});
  const result = await askHuman(
    deps,
    principal,
    {
      question: TEST_QUESTION,
      context:
        "Sent with “Send a test escalation” from the console. Answer it: your answer goes back to the waiting test agent, as it would to a caller.",
      callerInfo: { name: "Test caller" },
      // A fresh call id per click (the console's testId): two tests are two cases, never a deduplicated retry.
      callId: `test_${input.testId ?? randomUUID()}`,
      timeoutSeconds: input.timeoutSeconds ?? 55,
    },
    { source: "test", signal },
  );
  if (result.status === "answered" || result.status === "cancelled" || !result.caseId) return result;
  await withdrawCase(deps, principal, result.caseId);
  return result;
}
