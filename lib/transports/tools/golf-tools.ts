import { golfBookTeeTimeTool } from "@/lib/transports/tools/golf-book-tee-time";
import { golfCancelReservationTool } from "@/lib/transports/tools/golf-cancel-reservation";
import { golfGetReservationsTool } from "@/lib/transports/tools/golf-get-reservations";
import { golfSearchTeeTimesTool } from "@/lib/transports/tools/golf-search-tee-times";

/** Golf tee-time tools, thin adapters over lib/domains/golf (registered by lib/transports/mcp/server.ts). */
export const GOLF_TOOLS = [golfSearchTeeTimesTool, golfBookTeeTimeTool, golfGetReservationsTool, golfCancelReservationTool];
