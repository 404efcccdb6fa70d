import type { z } from "zod";
import { addCreditsSchema, callDetailsSchema, callSchema, creditsSchema, makeCallSchema } from "@/lib/domains/calls/schemas";

type Helpers = {
  schema: (s: z.ZodType, io?: "input" | "output") => unknown;
  ok: (ref: string, description: string) => unknown;
  errors: (...codes: number[]) => Record<string, unknown>;
  idParam: unknown;
};

/** The calls and credits part of /api/openapi.json (lib/transports/http/openapi.ts spreads these in). */
export function callsOpenApi({ schema, ok, errors, idParam }: Helpers) {
  const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
  const q = (name: string, s: Record<string, unknown>, description?: string) => ({
    name,
    in: "query",
    schema: s,
    ...(description ? { description } : {}),
  });
  return {
    schemas: {
      MakeCall: schema(makeCallSchema, "input"),
      Call: schema(callSchema),
      CallDetails: schema(callDetailsSchema),
      CallPage: {
        type: "object",
        properties: {
          calls: { type: "array", items: { $ref: "#/components/schemas/Call" } },
          nextCursor: { $ref: "#/components/schemas/NextCursor" },
        },
      },
      RecordingLink: { type: "object", properties: { callId: { type: "string" }, url: { type: "string" }, expiresAt: { type: "string" } } },
      Credits: schema(creditsSchema),
      AddCredits: schema(addCreditsSchema, "input"),
    },
    paths: {
      "/api/calls": {
        post: {
          summary: "Place a phone call",
          description:
            "Needs calls:write. Unset options come from the account's call preferences. Holds maxDurationMinutes × rate credits; 409 when credits are insufficient.",
          requestBody: body("MakeCall"),
          responses: { "201": ok("Call", "Placed (status queued)"), ...errors(400, 401, 403, 409, 422, 429, 503) },
        },
        get: {
          summary: "List calls (newest first)",
          description: "Needs calls:read.",
          parameters: [
            q("status", { type: "string" }, "Comma-separated: queued, ringing, in_progress, completed, no_answer, busy, failed, canceled"),
            q("from", { type: "string", format: "date-time" }, "Created at or after"),
            q("to", { type: "string", format: "date-time" }, "Created before"),
            q("phoneNumber", { type: "string" }, "E.164"),
            q("limit", { type: "integer", minimum: 1, maximum: 100, default: 20 }),
            { $ref: "#/components/parameters/Cursor" },
          ],
          responses: { "200": ok("CallPage", "A page of calls"), ...errors(401, 403, 422, 429) },
        },
      },
      "/api/calls/{id}": {
        get: {
          summary: "Get a call with its transcript",
          description: "Needs calls:read.",
          parameters: [idParam],
          responses: { "200": ok("CallDetails", "The call"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/calls/{id}/cancel": {
        post: {
          summary: "Cancel a call",
          description: "Needs calls:write. Releases the hold; a final call is returned unchanged.",
          parameters: [idParam],
          responses: { "200": ok("Call", "The call"), ...errors(401, 403, 404, 429, 503) },
        },
      },
      "/api/calls/{id}/recording-url": {
        get: {
          summary: "A signed, expiring link to the recording",
          description: "Needs calls:read.",
          parameters: [idParam],
          responses: { "200": ok("RecordingLink", "The link"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/calls/{id}/recording": {
        get: {
          summary: "The recording's audio (signed link)",
          security: [],
          parameters: [idParam, q("expires", { type: "integer" }, "Unix seconds"), q("signature", { type: "string" }, "hex HMAC-SHA256")],
          responses: {
            "200": {
              description: "Audio bytes (e.g. audio/wav)",
              content: { "audio/*": { schema: { type: "string", format: "binary" } } },
            },
            ...errors(403, 404),
          },
        },
      },
      "/api/credits": {
        get: {
          summary: "Credit balance and recent ledger",
          description: "Needs calls:read.",
          parameters: [q("limit", { type: "integer", minimum: 1, maximum: 200, default: 20 })],
          responses: { "200": ok("Credits", "Balance"), ...errors(401, 403, 429) },
        },
        post: {
          summary: "Add (or remove) credits",
          description: "Needs admin. The ledger records who and why.",
          requestBody: body("AddCredits"),
          responses: { "201": ok("Credits", "New balance"), ...errors(401, 403, 409, 422, 429) },
        },
      },
    },
  };
}
