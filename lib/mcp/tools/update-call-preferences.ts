import { z } from "zod";
import { updateCallPreferences } from "@/lib/calls/preferences";
import { effectivePreferencesSchema, preferencesSchema } from "@/lib/calls/schemas";
import { defineCallsTool } from "@/lib/mcp/calls-tool";

export const updateCallPreferencesTool = defineCallsTool({
  name: "update_call_preferences",
  title: "Update call preferences",
  description:
    "Set the account's defaults for make_phone_call: voice, model, firstSentence, language, maxDurationMinutes, record. " +
    "Fields you omit stay as they are; null resets one to the server default. Returns the effective preferences. Needs calls:write.",
  input: preferencesSchema,
  output: z.object({ preferences: effectivePreferencesSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scopes: ["calls:write"],
  run: async (deps, principal, input) => ({ preferences: await updateCallPreferences(deps, principal, input) }),
});
