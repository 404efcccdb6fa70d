import type { z } from "zod";
import { createCourseInput, updateCourseInput } from "@/lib/domains/golf/courses";
import { getReservationsOutput } from "@/lib/domains/golf/schemas";
import { golfSettingsInput } from "@/lib/domains/golf/settings";

type Helpers = { errors: (...codes: number[]) => Record<string, unknown>; schema: (s: z.ZodType, io?: "input" | "output") => unknown };

const body = (schema: unknown) => ({ required: true, content: { "application/json": { schema } } });
const okJson = (description: string, schema: unknown = { type: "object" }) => ({
  description,
  content: { "application/json": { schema } },
});
const idParam = (description: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description });
const query = (name: string, description: string) => ({ name, in: "query", required: false, schema: { type: "string" }, description });

/** The golf REST routes for lib/transports/http/openapi.ts (the MCP tools golf_* are the agent-facing way in). */
export function golfOpenApiPaths({ errors, schema }: Helpers) {
  return {
    "/api/golf/courses": {
      get: {
        summary: "List golf courses",
        description: "Needs golf:read. The courses of the account's own tee sheet.",
        responses: { "200": okJson("{ courses: [...] }"), ...errors(401, 403, 429) },
      },
      post: {
        summary: "Add a golf course (admin)",
        requestBody: body(schema(createCourseInput, "input")),
        responses: { "201": okJson("The course"), ...errors(400, 401, 403, 422, 429) },
      },
    },
    "/api/golf/courses/{id}": {
      patch: {
        summary: "Change a golf course (admin)",
        description: "Tee times still to come take a new capacity and price (never below seats already booked).",
        parameters: [idParam("Course id")],
        requestBody: body(schema(updateCourseInput, "input")),
        responses: { "200": okJson("The course"), ...errors(400, 401, 403, 404, 422, 429) },
      },
    },
    "/api/golf/courses/{id}/tee-sheet": {
      get: {
        summary: "A day's tee sheet",
        description: "Needs golf:read. Every tee time of the day (course-local) with its seats and who booked it.",
        parameters: [idParam("Course id"), query("date", "YYYY-MM-DD at the course; default today")],
        responses: {
          "200": okJson("{ course, date, teeTimes: [{ time, capacity, booked, openSpots, bookings }] }"),
          ...errors(401, 403, 404, 422, 429),
        },
      },
    },
    "/api/golf/reservations": {
      get: {
        summary: "List golf reservations",
        description: "Needs golf:read. Same as the golf_get_reservations tool.",
        parameters: ["status", "includePast", "phone", "email", "name", "limit"].map((n) => query(n, `Filter: ${n}`)),
        responses: { "200": okJson("Reservations", schema(getReservationsOutput, "output")), ...errors(401, 403, 422, 429) },
      },
    },
    "/api/golf/reservations/{id}/cancel": {
      post: {
        summary: "Cancel a golf reservation",
        description: "Needs golf:write. Frees its spots; cancelling twice is harmless.",
        parameters: [idParam("Reservation id")],
        responses: { "200": okJson("{ message, alreadyCancelled, reservation }"), ...errors(401, 403, 404, 409, 422, 429, 503) },
      },
    },
    "/api/golf/settings": {
      get: { summary: "Golf booking provider (admin)", responses: { "200": okJson("{ provider, chronogolf }"), ...errors(401, 403, 429) } },
      put: {
        summary: "Choose the golf booking provider (admin)",
        description: "Chronogolf secrets are write-only (an empty string clears one).",
        requestBody: body(schema(golfSettingsInput, "input")),
        responses: { "200": okJson("{ provider, chronogolf }"), ...errors(400, 401, 403, 422, 429) },
      },
    },
  };
}
