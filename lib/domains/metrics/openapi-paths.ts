import { okJson, type OpenApiHelpers } from "@/lib/platform/validation/openapi-parts";

/** The HITL metrics route (admin) for lib/transports/http/openapi.ts. */
export function metricsOpenApiPaths({ errors }: OpenApiHelpers) {
  return {
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
