import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import { listVoices } from "@/lib/domains/calls/catalog";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const voiceSchema = z.object({ id: z.string(), name: z.string(), language: z.string(), description: z.string().optional() });

export const getVoiceOptionsTool = defineTool({
  name: "get_voice_options",
  title: "Get voice options",
  description: "The voices a call can use (pass the id as `voice`), with their language. Needs calls:read.",
  input: z.object({ language: safeText().max(20).optional().describe("Only voices whose language starts with this, e.g. en or de-DE.") }),
  output: z.object({ voices: z.array(voiceSchema) }),
  annotations: { readOnlyHint: true, openWorldHint: true },
  scopes: ["calls:read"],
  run: async (input, ctx) => {
    const voices = await listVoices(ctx.deps, ctx.principal);
    const lang = input.language?.toLowerCase();
    return { voices: lang ? voices.filter((v) => v.language.toLowerCase().startsWith(lang)) : voices };
  },
});
