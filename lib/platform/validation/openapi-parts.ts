import type { z } from "zod";

/** What lib/transports/http/openapi.ts hands each domain's OpenAPI paths: its error responses and zod → JSON Schema. */
export type OpenApiHelpers = {
  errors: (...codes: number[]) => Record<string, unknown>;
  schema: (s: z.ZodType, io?: "input" | "output") => unknown;
};

export const jsonBody = (schema: unknown) => ({ required: true, content: { "application/json": { schema } } });
export const okJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
export const idParam = (description: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description });
