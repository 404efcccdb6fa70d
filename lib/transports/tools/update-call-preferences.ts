import { z } from "zod";
import { updateCallPreferences } from "@/lib/domains/calls/preferences";
import { effectivePreferencesSchema, preferencesSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const updateCallPreferencesTool = defineTool({
  name: "update_call_preferences",
  title: "Update call preferences",
  description:
    "Set the account's defaults for make_phone_call: voice, model, firstSentence, language, maxDurationMinutes, record. " +
    "Fields you omit stay as they are; null resets one to the server default. Returns the effective preferences. Needs calls:write.",
  input: preferencesSchema,
  output: z.object({ preferences: effectivePreferencesSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scopes: ["calls:write"],
  runRaw: async (args, ctx) => ({ preferences: await updateCallPreferences(ctx.deps, ctx.principal, args) }),
});
