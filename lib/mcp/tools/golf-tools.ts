import { golfBookTeeTimeTool } from "@/lib/mcp/tools/golf-book-tee-time";
import { golfCancelReservationTool } from "@/lib/mcp/tools/golf-cancel-reservation";
import { golfGetReservationsTool } from "@/lib/mcp/tools/golf-get-reservations";
import { golfSearchTeeTimesTool } from "@/lib/mcp/tools/golf-search-tee-times";

/** Golf tee-time tools, thin adapters over lib/golf (registered by lib/mcp/server.ts). */
export const GOLF_TOOLS = [golfSearchTeeTimesTool, golfBookTeeTimeTool, golfGetReservationsTool, golfCancelReservationTool];
