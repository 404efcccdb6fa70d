import type { McpServer } from "@modelcontextprotocol/server";
import { ESCALATION_GUIDE } from "@/lib/mcp/instructions";
import { registerCaseResource } from "@/lib/mcp/resources/case-resource";
import { registerAskHuman } from "@/lib/mcp/tools/ask-human";
import { registerCancelHumanRequest } from "@/lib/mcp/tools/cancel-human-request";
import { registerGetHumanAnswer } from "@/lib/mcp/tools/get-human-answer";

export { SERVER_INSTRUCTIONS } from "@/lib/mcp/instructions";

/** Everything the MCP server offers; each tool is a thin adapter over lib/hitl. */
export function registerSwitchboard(server: McpServer): void {
  registerAskHuman(server);
  registerGetHumanAnswer(server);
  registerCancelHumanRequest(server);
  registerCaseResource(server);
  server.registerPrompt(
    "escalation-guide",
    { title: "Escalation guide", description: "When and how a voice agent should escalate to a human with Switchboard." },
    () => ({ messages: [{ role: "user" as const, content: { type: "text" as const, text: ESCALATION_GUIDE } }] }),
  );
}
