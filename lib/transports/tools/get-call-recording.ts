import { z } from "zod";
import { getRecordingLink } from "@/lib/domains/calls/recording-link";
import { defineTool } from "@/lib/transports/tools/define-tool";
import { callIdInput } from "@/lib/transports/tools/get-call-status";

export const getCallRecordingTool = defineTool({
  name: "get_call_recording",
  title: "Get call recording",
  description:
    "A signed link to the call's audio, served by Switchboard, valid until expiresAt (no API key needed to fetch it — share it with care). Only for calls placed with record: true, once completed. Needs calls:read.",
  input: callIdInput,
  output: z.object({ callId: z.string(), url: z.string(), expiresAt: z.string() }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["calls:read"],
  run: (input, ctx) => getRecordingLink(ctx.deps, ctx.principal, input.callId, { origin: ctx.origin }),
});
