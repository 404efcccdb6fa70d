import { getCallDetails } from "@/lib/domains/calls/get-call";
import { callDetailsSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";
import { callIdInput } from "@/lib/transports/tools/get-call-status";

export const getCallDetailsTool = defineTool({
  name: "get_call_details",
  title: "Get call details",
  description: "Everything about a call: status, timings, duration, cost, summary and transcript. Needs calls:read.",
  input: callIdInput,
  output: callDetailsSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["calls:read"],
  run: (input, ctx) => getCallDetails(ctx.deps, ctx.principal, input.callId),
});
