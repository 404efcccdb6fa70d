import { addMemberInput } from "@/lib/domains/members/add-member";
import { setMemberActiveInput } from "@/lib/domains/members/schemas";
import { idParam, jsonBody, okJson, type OpenApiHelpers } from "@/lib/platform/validation/openapi-parts";

/** The members routes (admin) for lib/transports/http/openapi.ts. */
export function membersOpenApiPaths({ errors, schema }: OpenApiHelpers) {
  return {
    "/api/members": {
      get: { summary: "List members (admin)", responses: { "200": okJson("{ members: [...] }"), ...errors(401, 403, 429) } },
      post: {
        summary: "Add an operator or admin (admin)",
        description: "Without `password`, one is generated and returned once as `generatedPassword`.",
        requestBody: jsonBody(schema(addMemberInput, "input")),
        responses: { "201": okJson("{ member, generatedPassword? }"), ...errors(400, 401, 403, 409, 422, 429) },
      },
    },
    "/api/members/{id}": {
      patch: {
        summary: "Deactivate or reactivate a member (admin)",
        description: "`{active:false}` ends the member's sessions at once. You cannot deactivate yourself or the last active admin (409).",
        parameters: [idParam("Member id")],
        requestBody: jsonBody(schema(setMemberActiveInput, "input")),
        responses: { "200": okJson("{ member }"), ...errors(401, 403, 404, 409, 422, 429) },
      },
    },
  };
}
