import { callbackPolicyInput } from "@/lib/domains/hitl/callback-policy";
import { jsonBody, okJson, type OpenApiHelpers } from "@/lib/platform/validation/openapi-parts";

/** The late-answer callback policy route (admin) for lib/transports/http/openapi.ts. */
export function callbackPolicyOpenApiPaths({ errors, schema }: OpenApiHelpers) {
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
        requestBody: jsonBody(schema(callbackPolicyInput, "input")),
        responses: { "200": okJson("{ askKeyCallbacksEnabled, callbackNumberPrefixes }"), ...errors(400, 401, 403, 422, 429) },
      },
    },
  };
}
