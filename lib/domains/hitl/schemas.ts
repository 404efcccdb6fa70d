import { z } from "zod";
import { DEFAULT_JSON_DEPTH, safeJsonObject, safeText } from "@/lib/platform/validation/safe-text";
import { isoDateText } from "@/lib/platform/validation/dates";
import { queryInt } from "@/lib/platform/validation/numbers";
import { cursorParam } from "@/lib/platform/validation/cursor";

/** Shared by the MCP tools, the REST API and the OpenAPI document. */
export const urgencySchema = z.enum(["low", "medium", "high"]);

export const historyEntrySchema = z.object({
  role: safeText().trim().min(1).max(32).describe("Who spoke: user, agent, assistant, system…"),
  content: safeText().max(4000),
});

const callbackUrl = safeText()
  .url("must be an http(s) URL")
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL");

/** The longest choice: a button label, an SMS line. */
export const CHOICE_MAX_LENGTH = 80;

const choiceText = safeText().trim().min(1, "must not be empty").max(CHOICE_MAX_LENGTH, `must be at most ${CHOICE_MAX_LENGTH} characters`);

export const choicesSchema = z
  .array(choiceText)
  .min(2, "must offer at least 2 choices")
  .max(6, "must offer at most 6 choices")
  .refine((list) => new Set(list).size === list.length, "must not repeat a choice");

export const createCaseSchema = z.object({
  question: safeText()
    .trim()
    .min(1, "must not be empty")
    .max(2000, "must be at most 2000 characters")
    .describe("The caller's question, as the agent would put it to a person."),
  context: safeText().max(8000).optional().describe("What the agent knows that helps a person answer."),
  sessionId: safeText().max(200).optional().describe("The agent's conversation/session id, to correlate later calls."),
  callId: safeText().max(200).optional().describe("The voice call id (e.g. Retell call_id)."),
  agentId: safeText().max(200).optional().describe("The agent's id."),
  callerInfo: safeJsonObject()
    .optional()
    .describe(`What is known about the caller (name, phone, account…); at most ${DEFAULT_JSON_DEPTH} levels deep.`),
  priority: z.number().int().min(1).max(5).optional().describe("1 (lowest) to 5 (highest); default 3."),
  urgency: urgencySchema.optional().describe("low | medium | high; default medium."),
  conversationHistory: z.array(historyEntrySchema).max(100, "at most 100 entries").optional().describe("Recent turns of the conversation."),
  timeoutSeconds: z.number().int().min(5).max(55).optional().describe("How long to wait for a person, 5–55 s; default 45."),
  idempotencyKey: safeText().min(1).max(200).optional().describe("Retries with the same key return the same case."),
  callbackUrl: callbackUrl
    .optional()
    .describe("Where to POST the case (signed) when it is answered: a public https URL (loopback and private addresses are refused)."),
  followUp: z
    .enum(["phone"], { message: "must be phone" })
    .optional()
    .describe(
      '"phone": if the answer comes after you stopped waiting, Switchboard calls the caller back (callerInfo.phone, E.164) and tells them the answer; billed like any call.',
    ),
  choices: choicesSchema
    .optional()
    .describe(
      `2–6 short answers the person can pick with one click (at most ${CHOICE_MAX_LENGTH} characters each, no repeats), e.g. ["Approve 10% discount", "Decline"]. The result's \`choice\` is the one picked, exactly as given.`,
    ),
  choicesOnly: z
    .boolean()
    .optional()
    .describe("true: the person must pick one of `choices` (free text alone is refused); default false. Only with choices."),
});
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

const widened = new Map<number, typeof createCaseSchema>();
/**
 * createCaseSchema with a longer wait allowed: Retell waits for a custom function up to its configured
 * timeout (120 s by default), so /api/retell/functions lets ask_human wait up to RETELL_MAX_WAIT_SECONDS.
 */
export function createCaseSchemaFor(maxTimeoutSeconds: number): typeof createCaseSchema {
  if (maxTimeoutSeconds <= 55) return createCaseSchema;
  let schema = widened.get(maxTimeoutSeconds);
  if (!schema) {
    schema = createCaseSchema.extend({
      timeoutSeconds: z
        .number()
        .int()
        .min(5)
        .max(maxTimeoutSeconds)
        .optional()
        .describe(`How long to wait for a person, 5–${maxTimeoutSeconds} s; default 45.`),
    }) as unknown as typeof createCaseSchema;
    widened.set(maxTimeoutSeconds, schema);
  }
  return schema;
}

export const caseStatusSchema = z.enum(["open", "claimed", "answered", "expired", "cancelled"]);

export const holderSchema = z.object({ type: z.enum(["member", "api_key"]), id: z.string(), name: z.string() }).nullable();

export const caseSchema = z.object({
  id: z.string().uuid(),
  status: caseStatusSchema,
  question: z.string(),
  context: z.string().nullable(),
  sessionId: z.string().nullable(),
  callId: z.string().nullable(),
  source: z
    .enum(["mcp", "api", "retell", "vapi", "test"])
    .describe("How the case was raised: MCP, the REST API, a Retell function, a Vapi tool call, or a test escalation."),
  agentId: z.string().nullable(),
  callerInfo: z.record(z.string(), z.unknown()).nullable(),
  priority: z.number().int(),
  urgency: urgencySchema,
  conversationHistory: z.array(historyEntrySchema),
  timeoutSeconds: z.number().int(),
  waitDeadlineAt: z.string().describe("When the waiting agent gives up (ISO 8601)."),
  expiresAt: z.string().describe("When the case expires if nobody answers (ISO 8601)."),
  idempotencyKey: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  answer: z.string().nullable(),
  claimedBy: holderSchema,
  answeredBy: holderSchema,
  claimedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  followUp: z.enum(["phone"]).nullable().describe("phone: a late answer is phoned to callerInfo.phone."),
  followUpCallId: z.string().nullable().describe("The callback call placed with the late answer (see /api/calls/{id})."),
  lateAnswerDelivery: z
    .enum(["live", "callback"])
    .nullable()
    .describe(
      "How an answer given after the agent stopped waiting reached the caller: live (spoken on the call still going, Vapi) or callback (a callback call).",
    ),
  followUpRefused: z
    .string()
    .nullable()
    .describe(
      "Why no callback call will be placed although followUp is phone (the asking key lacks calls:write and the account does not allow the number).",
    ),
  pagedAt: z
    .string()
    .nullable()
    .optional()
    .describe(
      "When the account's on-call ntfy topic was paged about this case (nobody online, or unclaimed for PAGE_AFTER_SECONDS); null: not paged.",
    ),
  linkedCallId: z
    .string()
    .nullable()
    .describe(
      "Our id of the call this case was escalated during (GET /api/calls/{id}), once the call is stored (Retell call webhooks); null otherwise.",
    ),
  memoryAnswerId: z
    .string()
    .nullable()
    .optional()
    .describe("The saved answer (GET /api/memory/{id}) that answered this case at once, without a person; null otherwise."),
  choices: z.array(z.string()).nullable().describe("The answers offered to the person (2–6), or null."),
  choicesOnly: z.boolean().describe("true: only one of the choices answers the case."),
  choice: z
    .string()
    .nullable()
    .describe("The choice the answer picked, exactly as offered; null when answered in free text or not yet answered."),
});
export type PublicCase = z.infer<typeof caseSchema>;

const deprecatedAlias = (of: string) => ({ deprecated: true, description: `Deprecated alias of ${of}, removed in the next release.` });
const senderType = z.enum(["agent", "human", "system"]);

// Every JSON body is camelCase; the snake_case names a message had before stay one release as deprecated aliases.
export const messageSchema = z.object({
  id: z.number().int().describe("Monotonic; use it as the `after` cursor."),
  caseId: z.string().uuid(),
  senderType,
  content: z.string(),
  createdAt: z.string(),
  case_id: z.string().uuid().meta(deprecatedAlias("caseId")),
  sender_type: senderType.meta(deprecatedAlias("senderType")),
  created_at: z.string().meta(deprecatedAlias("createdAt")),
});
export type PublicMessage = z.infer<typeof messageSchema>;

export const postMessageSchema = z
  .object({
    content: safeText()
      .trim()
      .min(1, "must not be empty")
      .max(10000, "must be at most 10000 characters")
      .optional()
      .describe("The message; a person's first message answers the case. Optional when `choice` is given."),
    choice: safeText()
      .trim()
      .min(1, "must not be empty")
      .max(CHOICE_MAX_LENGTH, `must be at most ${CHOICE_MAX_LENGTH} characters`)
      .optional()
      .describe("A person's answer: one of the case's choices, exactly as offered (alone, or with `content` to add words)."),
  })
  .refine((m) => m.content !== undefined || m.choice !== undefined, { message: "required (or choice)", path: ["content"] });

export const listCasesQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((x) => x.trim()) : undefined))
    .pipe(z.array(caseStatusSchema).optional()),
  limit: queryInt({ min: 1, max: 200 }).default(50),
  order: z
    .enum(["newest", "oldest"], { message: "must be newest or oldest" })
    .default("newest")
    .describe("oldest first suits an answering queue: the callers who have waited longest"),
  q: safeText()
    .trim()
    .max(200, "must be at most 200 characters")
    .optional()
    .describe("Text search over question, context, answer and caller info (case-insensitive)"),
  cursor: cursorParam().optional(),
  before: isoDateText()
    .optional()
    .describe("Deprecated (use cursor): only cases created before this moment; pass the previous page's nextBefore"),
});
/** listCases' input: the parsed query (order defaults to newest). */
export type ListCasesQuery = Omit<z.output<typeof listCasesQuery>, "order"> & { order?: "newest" | "oldest" };

export const listMessagesQuery = z.object({
  after: queryInt({ min: 0, max: Number.MAX_SAFE_INTEGER }).default(0),
  wait: z.coerce.number({ message: "must be a number of seconds" }).min(0, "must be at least 0").max(55, "must be at most 55").default(0),
});

/** What every HITL tool returns (MCP structuredContent). */
export const toolResultSchema = z.object({
  status: z.enum(["answered", "answered_from_memory", "pending", "unavailable", "busy", "cancelled"]),
  caseId: z.string().optional().describe("Absent only when the platform could not be reached."),
  answer: z.string().optional(),
  choice: z.string().optional().describe("When the case offered choices and the person picked one: that choice, exactly as offered."),
  message: z.string().describe("A sentence the voice agent can say to the caller as is."),
});
export type ToolResult = z.infer<typeof toolResultSchema>;
