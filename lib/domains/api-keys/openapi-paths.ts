import { createKeyInput } from "@/lib/domains/api-keys/manage-api-keys";
import { idParam, jsonBody, okJson, type OpenApiHelpers } from "@/lib/platform/validation/openapi-parts";

/** The API key routes (admin) for lib/transports/http/openapi.ts. */
export function apiKeysOpenApiPaths({ errors, schema }: OpenApiHelpers) {
  return {
    "/api/keys": {
      get: { summary: "List API keys by prefix (admin)", responses: { "200": okJson("{ keys: [...] }"), ...errors(401, 403, 429) } },
      post: {
        summary: "Create an API key (admin)",
        description: "The full key is in this response (`key`) and never again.",
        requestBody: jsonBody(schema(createKeyInput, "input")),
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
  };
}
