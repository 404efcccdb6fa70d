import { z } from "zod";
import { callSchema, makeCallSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const makePhoneCallTool = defineTool({
  name: "make_phone_call",
  title: "Make a phone call",
  description:
    "Place an outbound phone call: an AI agent calls phoneNumber (E.164, e.g. +14155550123) and carries out `task`. " +
    "Unset options (voice, model, firstSentence, maxDurationMinutes, record, language) come from the account's call preferences. " +
    "Holds maxDurationMinutes × the per-minute rate from your credits until the call ends; refused when credits are insufficient. " +
    "Returns the callId at once; follow it with get_call_status. Needs calls:write.",
  input: makeCallSchema,
  output: z.object({ callId: z.string(), status: callSchema.shape.status, message: z.string(), call: callSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  scopes: ["calls:write"],
  runRaw: async (args, ctx) => {
    // Loaded on first use: placing calls is not on the path of every /api/mcp request (scripts/route-bundles.ts).
    const { makePhoneCall } = await import("@/lib/domains/calls/make-phone-call");
    const call = await makePhoneCall(ctx.deps, ctx.principal, args, { origin: ctx.origin });
    return {
      callId: call.id,
      status: call.status,
      message: `Call ${call.id} to ${call.phoneNumber} is ${call.status}; ${call.heldCredits} credits are held until it ends.`,
      call,
    };
  },
});
