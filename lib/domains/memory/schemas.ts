import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import { isoDate } from "@/lib/platform/validation/dates";

/** Shared by the REST routes, the MCP tool, the CLI and the OpenAPI document. */
const question = safeText().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters");
const answer = safeText().trim().min(1, "must not be empty").max(4000, "must be at most 4000 characters");
const tags = z
  .array(safeText().trim().toLowerCase().min(1, "must not be empty").max(40, "must be at most 40 characters"))
  .max(10, "at most 10 tags");
const validUntil = isoDate("After this instant the entry is no longer used, e.g. today's opening hours.").nullable();

export const memoryEntryInput = z.object({
  question: question.describe("The question as a caller asked it."),
  answer: answer.describe("The answer to say."),
  tags: tags.optional(),
  validUntil: validUntil.optional(),
  answeredBy: safeText().trim().max(200).optional().describe("Who gave the answer (a name), for entries imported from an FAQ."),
  approvedForAuto: z.boolean().optional().describe("Let this entry answer callers without a person (admin)."),
});
export type MemoryEntryInput = z.output<typeof memoryEntryInput>;

// No defaults: a PATCH that omits a field leaves it as it is.
export const memoryEntryPatch = z
  .object({ question, answer, tags, validUntil, approvedForAuto: z.boolean() })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "send at least one of question, answer, tags, validUntil, approvedForAuto");

/** An operator saving the answer they just gave: the case supplies question and answer unless edited. */
export const saveFromCaseInput = z.object({
  caseId: z.string().describe("The answered case."),
  question: question.optional().describe("The question as it should be remembered; default the case's."),
  answer: answer.optional().describe("The answer as it should be remembered; default the case's."),
  tags: tags.optional(),
  validUntil: validUntil.optional(),
});

export const searchAnswersInput = z.object({
  question: question.describe("The caller's question, in their words."),
  limit: z.number().int().min(1).max(10).optional().describe("At most this many answers (default 3)."),
});

export const memorySettingsPatch = z
  .object({
    autoAnswer: z
      .boolean()
      .nullable()
      .describe("Answer callers from approved entries without a person; null = the default (on once an entry is approved)."),
    threshold: z
      .number()
      .gt(0, "must be above 0")
      .max(1, "must be at most 1")
      .nullable()
      .describe("Score an entry must reach; null = the default."),
  })
  .partial()
  .refine((v) => v.autoAnswer !== undefined || v.threshold !== undefined, "send autoAnswer and/or threshold");

export const memoryEntrySchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  tags: z.array(z.string()),
  answeredBy: z.object({ memberId: z.string().nullable(), name: z.string() }),
  answeredAt: z.string(),
  sourceCaseId: z.string().nullable(),
  validUntil: z.string().nullable(),
  approvedForAuto: z.boolean(),
  approvedAt: z.string().nullable(),
  counts: z.object({ suggested: z.number(), reused: z.number(), autoUsed: z.number() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PublicMemoryEntry = z.infer<typeof memoryEntrySchema>;

export const searchAnswersOutput = z.object({
  message: z.string().describe("A sentence the agent can say: the best answer, or that none is saved."),
  answers: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string(), score: z.number() })),
});
export type SearchAnswersResult = z.infer<typeof searchAnswersOutput>;

export const exportMemoryQuery = z.object({ format: z.enum(["csv", "json"], { message: "must be csv or json" }).default("json") });
export const listMemoryQuery = z.object({
  q: safeText().trim().max(200).optional(),
  limit: z.coerce.number({ message: "must be a number" }).int().min(1).max(500).optional(),
});
