import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import { isoDate } from "@/lib/platform/validation/dates";
import { queryInt } from "@/lib/platform/validation/numbers";
import { cursorParam } from "@/lib/platform/validation/cursor";
import { CALL_STATUSES } from "@/lib/adapters/telephony/port";

/** Shared by the MCP tools, the REST API and the OpenAPI document. */
export const E164_MESSAGE = "must be an E.164 phone number: + then country code and number, digits only, e.g. +14155550123";
export const phoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, E164_MESSAGE)
  .describe("E.164, e.g. +14155550123");

export const callStatusSchema = z.enum(CALL_STATUSES);

const metadataSchema = z
  .record(safeText().max(100), safeText().max(1000, "values must be at most 1000 characters"))
  .refine((m) => Object.keys(m).length <= 50, "at most 50 keys")
  .describe("Your own string key/values, returned with the call.");

export const makeCallSchema = z.object({
  phoneNumber: phoneNumberSchema,
  task: safeText()
    .trim()
    .min(1, "must not be empty")
    .max(8000, "must be at most 8000 characters")
    .describe("What the agent on the call should do and say."),
  firstSentence: safeText().trim().min(1).max(500).optional().describe("The first thing the agent says; default from preferences."),
  voice: safeText().trim().min(1).max(100).optional().describe("A voice id from get_voice_options; default from preferences."),
  model: safeText().trim().min(1).max(100).optional().describe("A model id from get_model_options; default from preferences."),
  language: safeText().trim().min(2).max(20).optional().describe("e.g. en-US; default from preferences."),
  maxDurationMinutes: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(240)
    .optional()
    .describe("The call ends after this long; its maximum cost is held from your credits."),
  record: z.boolean().optional().describe("Record the call audio; default from preferences."),
  metadata: metadataSchema.optional(),
});
export type MakeCallInput = z.infer<typeof makeCallSchema>;

export const transcriptTurnSchema = z.object({ speaker: z.enum(["agent", "caller"]), text: z.string(), atSeconds: z.number() });

export const callSchema = z.object({
  id: z.string().uuid(),
  status: callStatusSchema,
  phoneNumber: z.string().nullable().describe("The number called (or calling, inbound); null for a Retell web call."),
  task: z.string(),
  firstSentence: z.string().nullable(),
  voice: z.string(),
  model: z.string(),
  language: z.string().nullable(),
  maxDurationMinutes: z.number().int(),
  record: z.boolean(),
  provider: z.string(),
  providerCallId: z.string().nullable(),
  endReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  heldCredits: z.number().int().describe("Credits reserved while the call is not final (0 once settled)."),
  cost: z.number().int().nullable().describe("Credits charged once final: billed minutes (rounded up) × ratePerMinute."),
  ratePerMinute: z.number().int(),
  summary: z.string().nullable(),
  recordingAvailable: z.boolean(),
  caseId: z.string().nullable().describe("The escalation case this call follows up, if any."),
  metadata: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PublicCall = z.infer<typeof callSchema>;

/** What Retell's webhooks said about a Retell call (null for other providers). */
export const retellCallFactsSchema = z
  .object({
    direction: z.enum(["inbound", "outbound"]).nullable(),
    fromNumber: z.string().nullable(),
    toNumber: z.string().nullable(),
    agentId: z.string().nullable(),
    recordingUrl: z.string().nullable().describe("Retell's recording link, as its webhook gave it (Retell may expire it)."),
    callAnalysis: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("Retell's post-call analysis (call_summary, user_sentiment, call_successful, custom_analysis_data…)."),
  })
  .nullable();

/** The same facts for a call of any agent platform (Retell, Vapi), with the platform's name. */
export const platformCallFactsSchema = retellCallFactsSchema
  .unwrap()
  .extend({ provider: z.string().describe("The agent platform: retell or vapi.") })
  .nullable();

export const callDetailsSchema = callSchema.extend({
  transcript: z.array(transcriptTurnSchema),
  retell: retellCallFactsSchema,
  platform: platformCallFactsSchema,
});
export type PublicCallDetails = z.infer<typeof callDetailsSchema>;

export const listCallsSchema = z.object({
  status: z
    .union([z.array(callStatusSchema), z.string().transform((s) => s.split(",").map((x) => x.trim()))])
    .pipe(z.array(callStatusSchema))
    .optional()
    .describe("One or more statuses (array, or comma-separated)."),
  from: isoDate("Calls created at or after (ISO 8601)").optional(),
  to: isoDate("Calls created before (ISO 8601)").optional(),
  phoneNumber: phoneNumberSchema.optional(),
  limit: queryInt({ min: 1, max: 100 }).default(20),
  cursor: cursorParam().optional(),
});
export type ListCallsInput = z.input<typeof listCallsSchema>;

/** GET /api/dead-letters (and the admin page): newest first, one page at a time. */
export const listDeadLettersQuery = z.object({
  status: z.enum(["open", "retried", "resolved"], { message: "must be open, retried or resolved" }).optional(),
  limit: queryInt({ min: 1, max: 200 }).default(50),
  cursor: cursorParam().optional(),
});
export type ListDeadLettersInput = z.input<typeof listDeadLettersQuery>;

export const preferencesSchema = z.object({
  voice: safeText().trim().min(1).max(100).nullable().optional(),
  model: safeText().trim().min(1).max(100).nullable().optional(),
  firstSentence: safeText().trim().min(1).max(500).nullable().optional(),
  language: safeText().trim().min(2).max(20).nullable().optional(),
  maxDurationMinutes: z.number().int("must be a whole number").min(1).max(240).nullable().optional(),
  record: z.boolean().nullable().optional(),
});
export type PreferencesInput = z.infer<typeof preferencesSchema>;

/** Effective preferences: what a call gets when it sets nothing (account preferences over server defaults). */
export const effectivePreferencesSchema = z.object({
  voice: z.string(),
  model: z.string(),
  firstSentence: z.string().nullable(),
  language: z.string(),
  maxDurationMinutes: z.number().int(),
  record: z.boolean(),
});
export type EffectivePreferences = z.infer<typeof effectivePreferencesSchema>;

export const ledgerEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(["grant", "hold", "settle", "release", "adjust"]),
  amount: z.number().int().describe("Change to the balance."),
  heldDelta: z.number().int().describe("Change to the reserved part."),
  balanceAfter: z.number().int(),
  heldAfter: z.number().int(),
  callId: z.string().nullable(),
  actor: z.object({ type: z.enum(["member", "api_key", "system"]), id: z.string().nullable() }),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

export const creditsSchema = z.object({
  balance: z.number().int().describe("Credits the account owns."),
  held: z.number().int().describe("Reserved by calls in progress."),
  available: z.number().int().describe("balance − held: what new calls can reserve."),
  ratePerMinute: z.number().int(),
  ledger: z.array(ledgerEntrySchema).describe("Most recent first."),
});
export type Credits = z.infer<typeof creditsSchema>;

export const addCreditsSchema = z.object({
  amount: z
    .number()
    .int("must be a whole number")
    .refine((n) => n !== 0, "must not be zero")
    .refine((n) => Math.abs(n) <= 100_000_000, "is too large")
    .describe("Credits to add (negative to remove)."),
  reason: safeText().trim().min(1, "must say why").max(500),
});
