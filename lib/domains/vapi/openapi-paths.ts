import type { z } from "zod";
import { vapiSettingsInput } from "@/lib/domains/vapi/credentials";

type Helpers = { errors: (...codes: number[]) => Record<string, unknown>; schema: (s: z.ZodType, io?: "input" | "output") => unknown };

const okJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const STATUS =
  "{ apiKeySet, apiKeyLast4, serverSecretSet, serverSecretLast4, waitSeconds, waitIsDefault, placeCalls, callsAssistantId, callsPhoneNumberId, updatedAt } — never the key or the secret";
const SIGNED =
  "When the account stored its Vapi server secret, the request must carry it: `X-Vapi-Secret: <secret>`, or `X-Signature` (hex HMAC-SHA256 over `{timestamp}.{body}`) with `X-Timestamp` within 5 minutes.";

/** /api/vapi/tools, Vapi's call reports and the account's Vapi settings, for lib/transports/http/openapi.ts (README "Using Switchboard from Vapi"). */
export function vapiOpenApiPaths({ errors, schema }: Helpers) {
  return {
    "/api/vapi/tools": {
      post: {
        summary: "Run tools as Vapi function tools",
        description:
          'Vapi\'s server message `{ message: { type: "tool-calls", toolCallList: [{ id, name, arguments }], call, … } }`. Any valid API key; each tool then needs its own scopes. ' +
          `${SIGNED} ask_human waits at most the account's Vapi wait. Answers \`{ results: [{ toolCallId, result }] }\`, each result the tool's JSON as a string. Body up to 1 MiB.`,
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", properties: { message: { type: "object" } } } } },
        },
        responses: { "200": okJson("{ results: [{ toolCallId, result }] }"), ...errors(400, 401, 403, 413, 429) },
      },
    },
    "/api/webhooks/vapi": {
      post: {
        summary: "Vapi server messages (call reports)",
        description:
          "`end-of-call-report` and `status-update` are stored once per call and event beside other calls (`provider: vapi`), linked to the cases asked during the call; other messages are acknowledged. " +
          `\`?account=<id>\` says whose stored server secret verifies the request (required here). ${SIGNED} Body up to 4 MiB.`,
        parameters: [{ name: "account", in: "query", required: true, schema: { type: "string", format: "uuid" } }],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", properties: { message: { type: "object" } } } } },
        },
        responses: { "200": okJson("{ received, type, duplicate, applied, callId, status }"), ...errors(400, 401, 409, 413) },
      },
    },
    "/api/settings/vapi": {
      get: { summary: "The account's Vapi connection (admin)", responses: { "200": okJson(STATUS), ...errors(401, 403, 429) } },
      put: {
        summary: "Store the account's Vapi settings (admin)",
        description: "The private key and server secret are write-only (stored encrypted, never returned); null clears a setting.",
        requestBody: { required: true, content: { "application/json": { schema: schema(vapiSettingsInput, "input") } } },
        responses: { "200": okJson(STATUS), ...errors(400, 401, 403, 422, 429) },
      },
      delete: { summary: "Forget the account's Vapi connection (admin)", responses: { "200": okJson(STATUS), ...errors(401, 403, 429) } },
    },
    "/api/settings/vapi/test": {
      post: {
        summary: "Send a signed Vapi test request (admin)",
        description:
          "Signs a harmless get_human_answer tool call with the stored server secret and runs it through /api/vapi/tools with the given key.",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", properties: { apiKey: { type: "string" } } } } },
        },
        responses: { "200": okJson("{ ok, status, signed, tool, message, response }"), ...errors(401, 403, 409, 422, 429) },
      },
    },
  };
}
