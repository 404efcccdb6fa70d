import type { z } from "zod";
import { retellKeyInput } from "@/lib/domains/retell/credentials";

type Helpers = { errors: (...codes: number[]) => Record<string, unknown>; schema: (s: z.ZodType, io?: "input" | "output") => unknown };

const okJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const KEY_STATUS = "{ apiKeySet, apiKeyLast4, updatedAt } — never the key";

/** /api/retell/functions and the account's Retell API key, for lib/transports/http/openapi.ts (README "Using Switchboard from Retell"). */
export function retellOpenApiPaths({ errors, schema }: Helpers) {
  return {
    "/api/retell/functions": {
      post: {
        summary: "Run a tool as a Retell custom function",
        description:
          'Retell\'s custom-function request: `{ name, call, args }`, or the arguments at the root with `?tool=<name>` ("args at root"). Any valid API key; the tool then needs its own scopes. ' +
          "When the account stored its Retell API key, `X-Retell-Signature: v=<unix ms>,d=<hex>` (HMAC-SHA256 of the raw body followed by the timestamp, ≤ 5 minutes old) is required. " +
          "Tool failures the agent should talk through are 200s with a sayable `message`; 4xx only for what Retell must not retry. Body up to 1 MiB.",
        parameters: [
          {
            name: "tool",
            in: "query",
            required: false,
            schema: { type: "string" },
            description: 'The tool\'s name, for functions set up with "args at root".',
          },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { name: { type: "string" }, call: { type: "object" }, args: { type: "object" } } },
            },
          },
        },
        responses: { "200": okJson("{ message, …the tool's result } (≤ 15,000 characters)"), ...errors(400, 401, 403, 413, 429) },
      },
    },
    "/api/webhooks/retell": {
      post: {
        summary: "Retell call webhooks",
        description:
          "Retell's `{ event, call }` (call_started, call_ended, call_analyzed, transcript_updated; other events are acknowledged and ignored). `?account=<id>` says whose stored Retell API key verifies `X-Retell-Signature`. " +
          "Stored once per call and event beside other calls (`provider: retell`); cases asked during the call are linked. Body up to 4 MiB.",
        parameters: [{ name: "account", in: "query", required: true, schema: { type: "string", format: "uuid" } }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { event: { type: "string" }, call: { type: "object" } }, required: ["event", "call"] },
            },
          },
        },
        responses: { "200": okJson("{ received, event, duplicate, applied, callId, status }"), ...errors(400, 401, 409, 413) },
      },
    },
    "/api/settings/retell": {
      get: { summary: "Whether a Retell API key is stored (admin)", responses: { "200": okJson(KEY_STATUS), ...errors(401, 403, 429) } },
      put: {
        summary: "Store the account's Retell API key (admin)",
        description: "Write-only: it verifies X-Retell-Signature on /api/retell/functions and is never returned.",
        requestBody: { required: true, content: { "application/json": { schema: schema(retellKeyInput, "input") } } },
        responses: { "200": okJson(KEY_STATUS), ...errors(400, 401, 403, 422, 429) },
      },
      delete: {
        summary: "Forget the account's Retell API key (admin)",
        responses: { "200": okJson(KEY_STATUS), ...errors(401, 403, 429) },
      },
    },
  };
}
