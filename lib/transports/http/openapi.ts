import { z } from "zod";
import { caseSchema, createCaseSchema, listMessagesQuery, messageSchema, postMessageSchema } from "@/lib/domains/hitl/schemas";
import { cannedReplyInput, cannedReplySchema } from "@/lib/domains/canned-replies/schemas";
import pkg from "@/package.json";
import { membersOpenApiPaths } from "@/lib/domains/members/openapi-paths";
import { apiKeysOpenApiPaths } from "@/lib/domains/api-keys/openapi-paths";
import { callbackPolicyOpenApiPaths } from "@/lib/domains/hitl/callback-policy-openapi-paths";
import { deadLettersOpenApiPaths } from "@/lib/domains/calls/dead-letters-openapi-paths";
import { metricsOpenApiPaths } from "@/lib/domains/metrics/openapi-paths";
import { sheetsOpenApiPaths } from "@/lib/domains/sheets/openapi-paths";
import { retellOpenApiPaths } from "@/lib/domains/retell/openapi-paths";
import { vapiOpenApiPaths } from "@/lib/domains/vapi/openapi-paths";
import { notifyOpenApiPaths } from "@/lib/domains/notify/openapi-paths";
import { channelsOpenApiPaths } from "@/lib/domains/channels/openapi-paths";
import { golfOpenApiPaths } from "@/lib/domains/golf/openapi-paths";
import { memoryOpenApiPaths } from "@/lib/domains/memory/openapi-paths";
import { callsOpenApi } from "@/lib/domains/calls/openapi-paths";
import { SCOPES } from "@/lib/domains/auth/principal";

/** The REST API described from the same zod schemas the routes validate with. */
export function buildOpenApi(serverUrl: string) {
  const schema = (s: z.ZodType, io: "input" | "output" = "output") =>
    z.toJSONSchema(s, { io, unrepresentable: "any", target: "openapi-3.0" });
  const error = {
    type: "object",
    properties: {
      error: {
        type: "object",
        properties: { code: { type: "string" }, message: { type: "string" }, details: { type: "object" } },
        required: ["code", "message"],
      },
    },
  };
  const errors = (...codes: number[]) =>
    Object.fromEntries(
      codes.map((c) => [
        String(c),
        { description: errorText[c] ?? "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      ]),
    );
  const ok = (ref: string, description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
  });
  const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
  const security = [{ bearer: [] }, { session: [] }];
  const calls = callsOpenApi({ schema, ok, errors, idParam });

  return {
    openapi: "3.0.3",
    info: {
      title: "Switchboard HITL API",
      version: pkg.version,
      description:
        "Escalate a question to a person and get the answer back. Authenticate with `Authorization: Bearer <API key>` or a member session cookie.",
    },
    servers: [{ url: serverUrl }],
    security,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: `An API key (sb_…). Scopes: ${SCOPES.join(", ")}. Member sessions hold their role's scopes (operator: hitl:answer, replies:write; admin: all). Each operation says which scope it needs (any one of those listed).`,
        },
        session: { type: "apiKey", in: "cookie", name: "sb_session" },
      },
      parameters: {
        // Every list that pages (cases, calls, dead letters) takes this and answers with NextCursor.
        Cursor: {
          name: "cursor",
          in: "query",
          required: false,
          schema: { type: "string", maxLength: 200 },
          description:
            "The previous page's nextCursor, as is; omit for the first page. Pages are cut by (created_at, id), so no row is skipped or repeated while new ones arrive. A cursor this API did not return is a 422 naming `cursor`.",
        },
      },
      schemas: {
        CreateCase: schema(createCaseSchema, "input"),
        Case: schema(caseSchema),
        Message: schema(messageSchema),
        PostMessage: schema(postMessageSchema, "input"),
        NextCursor: {
          type: "string",
          nullable: true,
          description: "Pass as `cursor` to get the next page; null on the last page. Opaque: do not parse or build it.",
        },
        CaseList: {
          type: "object",
          properties: {
            cases: { type: "array", items: { $ref: "#/components/schemas/Case" } },
            nextCursor: { $ref: "#/components/schemas/NextCursor" },
            nextBefore: {
              type: "string",
              format: "date-time",
              nullable: true,
              deprecated: true,
              description:
                "Deprecated, removed in the next release: use nextCursor. The last case's created_at when more follow on a newest-first page, for the deprecated `before` parameter.",
            },
          },
        },
        CannedReply: schema(cannedReplySchema),
        CannedReplyInput: schema(cannedReplyInput, "input"),
        MessageList: {
          type: "object",
          properties: { messages: { type: "array", items: { $ref: "#/components/schemas/Message" } }, cursor: { type: "integer" } },
        },
        MessagePosted: {
          type: "object",
          properties: { message: { $ref: "#/components/schemas/Message" }, case: { $ref: "#/components/schemas/Case" } },
        },
        Error: error,
        ...calls.schemas,
      },
    },
    paths: {
      "/api/cases": {
        post: {
          summary: "Create a case (escalate a question)",
          description:
            "Needs hitl:ask. Idempotent: the same Idempotency-Key header or idempotencyKey field returns the existing case with 200.",
          parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/CreateCase" } } } },
          responses: {
            "201": ok("Case", "Created"),
            "200": ok("Case", "An earlier request with the same key created this case"),
            ...errors(400, 401, 403, 413, 422, 429),
          },
        },
        get: {
          summary: "List cases",
          description: "Needs hitl:answer (operators, admins, answering keys).",
          parameters: [
            {
              name: "status",
              in: "query",
              schema: { type: "string" },
              description: "Comma-separated: open, claimed, answered, expired, cancelled",
            },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
            { name: "order", in: "query", schema: { type: "string", enum: ["newest", "oldest"], default: "newest" } },
            {
              name: "q",
              in: "query",
              schema: { type: "string", maxLength: 200 },
              description: "Text search (case-insensitive) over question, context, answer and caller info",
            },
            { $ref: "#/components/parameters/Cursor" },
            {
              name: "before",
              in: "query",
              deprecated: true,
              schema: { type: "string", format: "date-time" },
              description:
                "Deprecated, removed in the next release: use cursor. Only cases created before this moment (the previous page's nextBefore).",
            },
          ],
          responses: { "200": ok("CaseList", "A page of cases, newest first unless order=oldest"), ...errors(401, 403, 422, 429) },
        },
      },
      "/api/cases/{id}": {
        get: {
          summary: "Get a case",
          description: "Needs hitl:ask or hitl:answer.",
          parameters: [idParam],
          responses: { "200": ok("Case", "The case"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/cases/{id}/claim": {
        post: {
          summary: "Claim a case",
          description: "Needs hitl:answer. One winner.",
          parameters: [idParam],
          responses: { "200": ok("Case", "Claimed by you"), ...errors(401, 403, 404, 409, 429) },
        },
      },
      "/api/cases/{id}/cancel": {
        post: {
          summary: "Cancel a case",
          description: "Needs hitl:ask or hitl:answer.",
          parameters: [idParam],
          responses: { "200": ok("Case", "The case (unchanged if already final)"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/cases/{id}/messages": {
        get: {
          summary: "List messages (long poll)",
          description:
            "Needs hitl:ask or hitl:answer. Returns at once when messages newer than `after` exist, else waits up to `wait` seconds for one.",
          parameters: [
            idParam,
            { name: "after", in: "query", schema: schema(listMessagesQuery.shape.after, "input") },
            { name: "wait", in: "query", schema: schema(listMessagesQuery.shape.wait, "input") },
          ],
          responses: { "200": ok("MessageList", "Messages after the cursor"), ...errors(401, 403, 404, 422, 429) },
        },
        post: {
          summary: "Post a message",
          description:
            "Needs hitl:ask or hitl:answer: hitl:answer (operators, admins, answering keys) writes as human, hitl:ask alone as agent. The first human message on an open or claimed case answers it; the others get 409.",
          parameters: [idParam],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/PostMessage" } } } },
          responses: { "201": ok("MessagePosted", "Posted"), ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
        },
      },
      "/api/presence": {
        post: {
          summary: "Presence heartbeat",
          description: "Needs hitl:answer; answerers count as online while heartbeats are fresh.",
          responses: { "200": { description: "Online count" }, ...errors(401, 403) },
        },
        get: {
          summary: "Answerers online",
          description: "Needs hitl:ask or hitl:answer.",
          responses: { "200": { description: "Online count" }, ...errors(401, 403) },
        },
      },
      ...calls.paths,
      "/api/canned-replies": {
        get: {
          summary: "List canned replies",
          description:
            "Needs hitl:answer or replies:write. The account's stock answers, by shortcut; the console expands `/shortcut` into the body.",
          responses: {
            "200": {
              description: "Canned replies",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { cannedReplies: { type: "array", items: { $ref: "#/components/schemas/CannedReply" } } },
                  },
                },
              },
            },
            ...errors(401, 403, 429),
          },
        },
        post: {
          summary: "Create a canned reply",
          description: "Needs replies:write (operators, admins). Shortcuts are unique per account.",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/CannedReplyInput" } } } },
          responses: { "201": ok("CannedReply", "Created"), ...errors(400, 401, 403, 409, 422, 429) },
        },
      },
      "/api/canned-replies/{id}": {
        patch: {
          summary: "Update a canned reply",
          description: "Needs replies:write.",
          parameters: [idParam],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/CannedReplyInput" } } } },
          responses: { "200": ok("CannedReply", "Updated"), ...errors(400, 401, 403, 404, 409, 422, 429) },
        },
        delete: {
          summary: "Delete a canned reply",
          description: "Needs replies:write.",
          parameters: [idParam],
          responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404, 429) },
        },
      },
      "/api/events": {
        get: {
          summary: "Account case events (Server-Sent Events)",
          description:
            "The caller's account events as text/event-stream (the default realtime driver). Frames: `event: case` with a JSON CaseEvent {id, type, caseId, status, priority, urgency, claimedBy, messageId, at} and `id:` set; `event: resync` (refetch: events may have been missed); `: ping` heartbeats. Send Last-Event-ID to resume. Members, or keys with hitl:answer.",
          parameters: [{ name: "Last-Event-ID", in: "header", required: false, schema: { type: "string" } }],
          responses: {
            "200": { description: "An event stream", content: { "text/event-stream": { schema: { type: "string" } } } },
            ...errors(401, 403),
          },
        },
      },
      "/api/realtime/pusher/auth": {
        post: {
          summary: "Authorize a Pusher private channel",
          description:
            "pusher-js channelAuthorization endpoint (REALTIME_DRIVER=pusher): signs socket_id:channel_name for the caller's own account channel private-account-<accountId> only.",
          requestBody: {
            content: {
              "application/x-www-form-urlencoded": {
                schema: {
                  type: "object",
                  required: ["socket_id", "channel_name"],
                  properties: { socket_id: { type: "string" }, channel_name: { type: "string" } },
                },
              },
            },
          },
          responses: { "200": { description: '{auth: "<key>:<signature>"}' }, ...errors(401, 403, 404, 422) },
        },
      },
      "/api/realtime/supabase/token": {
        post: {
          summary: "A fresh Supabase Realtime access token",
          description:
            "REALTIME_DRIVER=supabase: a short-lived JWT (role authenticated, account_id claim) that may join only the caller's account:<accountId> private topic.",
          responses: { "200": { description: "{accessToken, expiresAt}" }, ...errors(401, 403, 404) },
        },
      },
      "/api/health": {
        get: {
          summary: "Database, kv, event-bus and realtime status",
          description:
            "`{status: ok | degraded | down, dependencies: {database, kv, eventBus, realtime}}`, each dependency once, under `dependencies`.",
          security: [],
          responses: { "200": { description: "All up" }, "503": { description: "Something is down" } },
        },
      },
      ...callbackPolicyOpenApiPaths({ errors, schema }),
      ...membersOpenApiPaths({ errors, schema }),
      ...apiKeysOpenApiPaths({ errors, schema }),
      ...deadLettersOpenApiPaths({ errors, schema }),
      ...metricsOpenApiPaths({ errors, schema }),
      ...sheetsOpenApiPaths({ errors }),
      ...retellOpenApiPaths({ errors, schema }),
      ...vapiOpenApiPaths({ errors, schema }),
      ...notifyOpenApiPaths({ errors, schema }),
      ...channelsOpenApiPaths({ errors, schema }),
      ...golfOpenApiPaths({ errors, schema }),
      ...memoryOpenApiPaths({ errors, schema }),
    },
  };
}

const errorText: Record<number, string> = {
  400: "Malformed request (e.g. invalid JSON)",
  401: "Missing or invalid credentials",
  403: "Credential lacks the scope, or cross-site request",
  404: "Unknown case, or another account's",
  409: "Conflict: already claimed or answered",
  413: "Body larger than 64 KiB",
  422: "Validation failed; the message names the field",
  429: "Rate limited; see Retry-After",
};
