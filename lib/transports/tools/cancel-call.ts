import { cancelCall } from "@/lib/domains/calls/cancel-call";
import { callSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";
import { callIdInput } from "@/lib/transports/tools/get-call-status";

export const cancelCallTool = defineTool({
  name: "cancel_call",
  title: "Cancel a call",
  description:
    "Stop a call that has not ended (hangs up if it is in progress) and release its held credits. A call that already ended is returned unchanged. Needs calls:write.",
  input: callIdInput,
  output: callSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  scopes: ["calls:write"],
  run: (input, ctx) => cancelCall(ctx.deps, ctx.principal, input.callId),
});
