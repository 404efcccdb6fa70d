import { getCallDetails } from "@/lib/calls/get-call";
import { callDetailsSchema } from "@/lib/calls/schemas";
import { defineCallsTool } from "@/lib/mcp/calls-tool";
import { callIdInput } from "@/lib/mcp/tools/get-call-status";

export const getCallDetailsTool = defineCallsTool({
  name: "get_call_details",
  title: "Get call details",
  description: "Everything about a call: status, timings, duration, cost, summary and transcript. Needs calls:read.",
  input: callIdInput,
  output: callDetailsSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["calls:read"],
  run: (deps, principal, input) => getCallDetails(deps, principal, input.callId),
});
