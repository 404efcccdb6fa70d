import type { z } from "zod";
import { addMemberInput } from "@/lib/domains/members/add-member";
import { setMemberActiveInput } from "@/lib/domains/members/schemas";
import { createKeyInput } from "@/lib/domains/api-keys/manage-api-keys";
import { callbackPolicyInput } from "@/lib/domains/hitl/callback-policy";

type Helpers = { errors: (...codes: number[]) => Record<string, unknown>; schema: (s: z.ZodType, io?: "input" | "output") => unknown };

const body = (schema: unknown) => ({ required: true, content: { "application/json": { schema } } });
const okJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const idParam = (description: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description });

/** The admin REST routes (members, API keys, dead letters, HITL metrics) for lib/transports/http/openapi.ts; all need an admin member or an admin-scope key. */
export function adminOpenApiPaths({ errors, schema }: Helpers) {
  return {
    "/api/settings/callbacks": {
      get: {
        summary: "Late-answer callback policy (admin)",
        description: "Whether cases asked by keys without calls:write may get a callback call, and to which number prefixes.",
        responses: { "200": okJson("{ askKeyCallbacksEnabled, callbackNumberPrefixes }"), ...errors(401, 403, 429) },
      },
      patch: {
        summary: "Change the late-answer callback policy (admin)",
        description:
          "A callback is a billed call to a number the agent passed in: keys with calls:write may always ask for one; hitl:ask-only keys only when this is on and the number starts with an allowed prefix. Otherwise the case's `followUpRefused` says why none is placed.",
        requestBody: body(schema(callbackPolicyInput, "input")),
        responses: { "200": okJson("{ askKeyCallbacksEnabled, callbackNumberPrefixes }"), ...errors(400, 401, 403, 422, 429) },
      },
    },
    "/api/members": {
      get: { summary: "List members (admin)", responses: { "200": okJson("{ members: [...] }"), ...errors(401, 403, 429) } },
      post: {
        summary: "Add an operator or admin (admin)",
        description: "Without `password`, one is generated and returned once as `generatedPassword`.",
        requestBody: body(schema(addMemberInput, "input")),
        responses: { "201": okJson("{ member, generatedPassword? }"), ...errors(400, 401, 403, 409, 422, 429) },
      },
    },
    "/api/members/{id}": {
      patch: {
        summary: "Deactivate or reactivate a member (admin)",
        description: "`{active:false}` ends the member's sessions at once. You cannot deactivate yourself or the last active admin (409).",
        parameters: [idParam("Member id")],
        requestBody: body(schema(setMemberActiveInput, "input")),
        responses: { "200": okJson("{ member }"), ...errors(401, 403, 404, 409, 422, 429) },
      },
    },
    "/api/keys": {
      get: { summary: "List API keys by prefix (admin)", responses: { "200": okJson("{ keys: [...] }"), ...errors(401, 403, 429) } },
      post: {
        summary: "Create an API key (admin)",
        description: "The full key is in this response (`key`) and never again.",
        requestBody: body(schema(createKeyInput, "input")),
        responses: { "201": okJson("{ key, apiKey }"), ...errors(400, 401, 403, 422, 429) },
      },
    },
    "/api/keys/{id}": {
      delete: {
        summary: "Revoke an API key (admin)",
        parameters: [idParam("Key id or its sb_… prefix")],
        responses: { "200": okJson("{ key }"), ...errors(401, 403, 404, 429) },
      },
    },
    "/api/dead-letters": {
      get: {
        summary: "Dead letters: calls the sync job gave up on (admin)",
        parameters: [
          { name: "status", in: "query", schema: { type: "string", enum: ["open", "retried", "resolved"] } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
          { $ref: "#/components/parameters/Cursor" },
        ],
        responses: {
          "200": {
            description: "A page of dead letters, newest first",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    items: { type: "array", items: { type: "object" } },
                    nextCursor: { $ref: "#/components/schemas/NextCursor" },
                  },
                },
              },
            },
          },
          ...errors(401, 403, 422, 429),
        },
      },
    },
    "/api/dead-letters/{id}/retry": {
      post: {
        summary: "Retry a dead letter now (admin)",
        description:
          "Syncs the call once; `outcome` is updated, unchanged, failed, dead_lettered or call_final. 409 when it was already retried.",
        parameters: [idParam("Dead letter id")],
        responses: { "200": okJson("{ deadLetter, outcome }"), ...errors(401, 403, 404, 409, 429) },
      },
    },
    "/api/metrics/hitl": {
      get: {
        summary: "HITL metrics for a date range (admin)",
        description:
          "Cases created in [from, to) (default: the last 7 days; at most 93 days): escalations per UTC hour, time-to-answer histogram with p50/p95, outcomes (answered, timed_out, unavailable, cancelled, open), per-operator answers and median time.",
        parameters: [
          { name: "from", in: "query", schema: { type: "string", format: "date-time" } },
          { name: "to", in: "query", schema: { type: "string", format: "date-time" } },
          {
            name: "agent",
            in: "query",
            description:
              "Only cases of this agent (agentId; Retell's agent_id). The response lists the agents seen in the range under `agents`.",
            schema: { type: "string" },
          },
        ],
        responses: { "200": okJson("Metrics"), ...errors(401, 403, 422, 429) },
      },
    },
  };
}
