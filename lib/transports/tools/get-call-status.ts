import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import { getCall } from "@/lib/domains/calls/get-call";
import { callSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const callIdInput = z.object({
  callId: safeText().trim().min(1, "must not be empty").max(100).describe("The callId make_phone_call returned."),
});

export const getCallStatusTool = defineTool({
  name: "get_call_status",
  title: "Get call status",
  description:
    "The call's status (queued, ringing, in_progress, completed, no_answer, busy, failed, canceled), timings, duration and cost. Needs calls:read.",
  input: callIdInput,
  output: callSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["calls:read"],
  run: (input, ctx) => getCall(ctx.deps, ctx.principal, input.callId),
});
