import { z } from "zod";

/** GET /api/sheets/export */
export const exportCsvQuery = z.object({
  tab: z.enum(["calls", "escalations"], { message: "must be calls or escalations" }).default("calls"),
});
