import type { z } from "zod";
import { memberChannelsInput } from "@/lib/domains/channels/member-channels";
import { channelSettingsInput } from "@/lib/domains/channels/settings";

type Helpers = { errors: (...codes: number[]) => Record<string, unknown>; schema: (s: z.ZodType, io?: "input" | "output") => unknown };

const okJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const VIEW =
  "{ slack: { connected, channelId, teamId, botTokenSet, signingSecretSet, interactivityUrl }, sms: { connected, accountSid, fromNumber, authTokenSet, inboundUrl }, ladder, ladderIsDefault, defaultLadder, updatedAt } — never a token or secret";
const form = { "application/x-www-form-urlencoded": { schema: { type: "object" } } };

/** Slack, SMS and the escalation ladder, for lib/transports/http/openapi.ts (README "Slack and SMS"). */
export function channelsOpenApiPaths({ errors, schema }: Helpers) {
  const id = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
  return {
    "/api/settings/channels": {
      get: {
        summary: "The account's Slack and SMS connections and escalation ladder (admin)",
        responses: { "200": okJson(VIEW), ...errors(401, 403, 429) },
      },
      put: {
        summary: "Connect Slack or Twilio, or change the ladder (admin)",
        description:
          "Fields left out are kept; null forgets. Tokens and secrets are write-only; a new Slack bot token is checked with auth.test.",
        requestBody: { required: true, content: { "application/json": { schema: schema(channelSettingsInput, "input") } } },
        responses: { "200": okJson(VIEW), ...errors(400, 401, 403, 413, 422, 429, 503) },
      },
    },
    "/api/members/{id}/slack-lookup": {
      post: {
        summary: "Find the member's Slack user by their email, for an admin to confirm (admin)",
        parameters: [id("id")],
        responses: { "200": okJson("{ slackUserId, name }"), ...errors(401, 403, 404, 409, 429, 503) },
      },
    },
    "/api/members/{id}/channels": {
      patch: {
        summary: "A member's Slack link (as the lookup found it), SMS phone and on-call hours (admin)",
        parameters: [id("id")],
        requestBody: { required: true, content: { "application/json": { schema: schema(memberChannelsInput, "input") } } },
        responses: { "200": okJson("{ member }"), ...errors(400, 401, 403, 404, 413, 422, 429, 503) },
      },
    },
    "/api/cases/{id}/ladder": {
      get: {
        summary: "The escalation steps taken for a case",
        parameters: [id("id")],
        responses: {
          "200": okJson("{ caseId, steps: [{ step, channel, takenAt, outcome, detail, attempts, retryAt }] }"),
          ...errors(401, 403, 404, 429),
        },
      },
    },
    "/api/channels/slack/{accountId}/interactivity": {
      post: {
        summary: "Slack interactivity (block_actions, view_submission), signed with the account's Slack signing secret",
        security: [],
        parameters: [id("accountId")],
        requestBody: { required: true, content: form },
        responses: { "200": okJson("empty, or { response_action: 'errors', errors } for the Answer modal"), ...errors(400, 401, 404, 413) },
      },
    },
    "/api/channels/sms/{accountId}/inbound": {
      post: {
        summary: "Twilio incoming message, signed with X-Twilio-Signature; answers in TwiML",
        security: [],
        parameters: [id("accountId")],
        requestBody: { required: true, content: form },
        responses: { "200": { description: "TwiML", content: { "text/xml": { schema: { type: "string" } } } }, ...errors(401, 404, 413) },
      },
    },
  };
}
