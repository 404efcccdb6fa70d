import { z } from "zod";
import { getTranscript } from "@/lib/domains/calls/get-call";
import { callStatusSchema, transcriptTurnSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";
import { callIdInput } from "@/lib/transports/tools/get-call-status";

export const getCallTranscriptTool = defineTool({
  name: "get_call_transcript",
  title: "Get call transcript",
  description:
    "What was said on the call, turn by turn, plus the same as plain text and the call's summary. Complete once the call has ended. Needs calls:read.",
  input: callIdInput,
  output: z.object({
    callId: z.string(),
    status: callStatusSchema,
    transcript: z.array(transcriptTurnSchema),
    text: z.string(),
    summary: z.string().nullable(),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["calls:read"],
  run: (input, ctx) => getTranscript(ctx.deps, ctx.principal, input.callId),
});
