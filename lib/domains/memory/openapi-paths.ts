import type { z } from "zod";
import {
  memoryEntryInput,
  memoryEntryPatch,
  memoryEntrySchema,
  memorySettingsPatch,
  saveFromCaseInput,
} from "@/lib/domains/memory/schemas";

type Helpers = { errors: (...codes: number[]) => Record<string, unknown>; schema: (s: z.ZodType, io?: "input" | "output") => unknown };

const okJson = (description: string, schema: unknown = { type: "object" }) => ({
  description,
  content: { "application/json": { schema } },
});
const idParam = [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }];
const SETTINGS = "{ autoAnswer, autoAnswerSetting (null = default), threshold, thresholdSetting, defaultThreshold, approvedEntries }";

/** Answer memory (README "Answer memory"), for lib/transports/http/openapi.ts. */
export function memoryOpenApiPaths({ errors, schema }: Helpers) {
  const entry = schema(memoryEntrySchema);
  const body = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s, "input") } } });
  return {
    "/api/memory": {
      get: {
        summary: "The account's saved answers, most recently changed first (admin)",
        parameters: [
          { name: "q", in: "query", schema: { type: "string" }, description: "Words in the question or answer" },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
        ],
        responses: {
          "200": okJson("{ entries }", { type: "object", properties: { entries: { type: "array", items: entry } } }),
          ...errors(401, 403, 422, 429),
        },
      },
      post: {
        summary: "Add a saved answer (admin)",
        requestBody: body(memoryEntryInput),
        responses: { "201": okJson("The entry", entry), ...errors(400, 401, 403, 413, 422, 429) },
      },
    },
    "/api/memory/{id}": {
      get: {
        summary: "One saved answer (admin)",
        parameters: idParam,
        responses: { "200": okJson("The entry", entry), ...errors(401, 403, 404, 429) },
      },
      patch: {
        summary: "Edit, expire (validUntil) or approve for automatic use (admin)",
        parameters: idParam,
        requestBody: body(memoryEntryPatch),
        responses: { "200": okJson("The entry", entry), ...errors(400, 401, 403, 404, 413, 422, 429) },
      },
      delete: {
        summary: "Delete a saved answer (admin)",
        parameters: idParam,
        responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404, 429) },
      },
    },
    "/api/memory/{id}/reused": {
      post: {
        summary: "Count that an operator inserted this saved answer into a reply",
        parameters: idParam,
        responses: { "200": okJson("{ reused }"), ...errors(401, 403, 404, 429) },
      },
    },
    "/api/memory/from-case": {
      post: {
        summary: "Save the answer given to a case as a reusable answer (operators)",
        requestBody: body(saveFromCaseInput),
        responses: { "201": okJson("The entry", entry), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
      },
    },
    "/api/memory/settings": {
      get: { summary: "Automatic answers and the threshold (admin)", responses: { "200": okJson(SETTINGS), ...errors(401, 403, 429) } },
      patch: {
        summary: "Turn automatic answers on/off, set the threshold; null = the default (admin)",
        requestBody: body(memorySettingsPatch),
        responses: { "200": okJson(SETTINGS), ...errors(400, 401, 403, 413, 422, 429) },
      },
    },
    "/api/memory/import": {
      post: {
        summary: "Import saved answers from CSV or JSON; all or nothing (admin)",
        requestBody: {
          required: true,
          content: {
            "text/csv": { schema: { type: "string", description: "Header: question,answer,tags,validUntil,answeredBy,approvedForAuto" } },
            "application/json": {
              schema: { type: "object", properties: { entries: { type: "array", items: schema(memoryEntryInput, "input") } } },
            },
          },
        },
        responses: { "201": okJson("{ imported }"), ...errors(400, 401, 403, 413, 422, 429) },
      },
    },
    "/api/memory/export": {
      get: {
        summary: "Every saved answer as CSV or JSON (admin)",
        parameters: [{ name: "format", in: "query", schema: { type: "string", enum: ["json", "csv"], default: "json" } }],
        responses: {
          "200": {
            description: "The entries",
            content: { "text/csv": { schema: { type: "string" } }, "application/json": { schema: { type: "object" } } },
          },
          ...errors(401, 403, 422, 429),
        },
      },
    },
    "/api/cases/{id}/suggestions": {
      get: {
        summary: "The best matching saved answers for the operator answering this case",
        parameters: idParam,
        responses: {
          "200": okJson("{ suggestions: [{ id, question, answer, score, answeredBy, answeredAt, approvedForAuto }] }"),
          ...errors(401, 403, 404, 429),
        },
      },
    },
  };
}
