import { idParam, okJson, type OpenApiHelpers } from "@/lib/platform/validation/openapi-parts";

/** The dead-letter routes (admin) for lib/transports/http/openapi.ts. */
export function deadLettersOpenApiPaths({ errors }: OpenApiHelpers) {
  return {
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
  };
}
