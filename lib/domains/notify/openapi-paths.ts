import type { z } from "zod";
import { notifySettingsInput } from "@/lib/domains/notify/settings";

type Helpers = { errors: (...codes: number[]) => Record<string, unknown>; schema: (s: z.ZodType, io?: "input" | "output") => unknown };

const okJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const VIEW = "{ serverUrl, serverUrlIsDefault, defaultTopic, oncallTopic, accessTokenSet, accessTokenLast4, updatedAt } — never the token";

/** The account's ntfy settings and the test send, for lib/transports/http/openapi.ts (README "Push notifications and weather"). */
export function notifyOpenApiPaths({ errors, schema }: Helpers) {
  return {
    "/api/settings/notifications": {
      get: { summary: "The account's ntfy settings (admin)", responses: { "200": okJson(VIEW), ...errors(401, 403, 429) } },
      put: {
        summary: "Change the account's ntfy settings (admin)",
        description:
          "Fields left out are kept; null resets (server → NTFY_DEFAULT_SERVER_URL, topic → none, accessToken → forgotten). The access token is write-only.",
        requestBody: { required: true, content: { "application/json": { schema: schema(notifySettingsInput, "input") } } },
        responses: { "200": okJson(VIEW), ...errors(400, 401, 403, 413, 422, 429) },
      },
    },
    "/api/settings/notifications/test": {
      post: {
        summary: "Send a test notification with the saved settings (admin)",
        requestBody: {
          required: false,
          content: {
            "application/json": { schema: { type: "object", properties: { topic: { type: "string", enum: ["default", "oncall"] } } } },
          },
        },
        responses: {
          "200": okJson("{ message, status: sent | queued | failed, notificationId, topic }"),
          ...errors(400, 401, 403, 422, 429),
        },
      },
    },
  };
}
