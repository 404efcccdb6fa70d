import type { McpServer } from "@modelcontextprotocol/server";
import { ESCALATION_GUIDE } from "@/lib/mcp/instructions";
import { caseResource } from "@/lib/mcp/resources/case-resource";
import type { Tool } from "@/lib/mcp/define-tool";
import { askHumanTool } from "@/lib/mcp/tools/ask-human";
import { cancelHumanRequestTool } from "@/lib/mcp/tools/cancel-human-request";
import { getHumanAnswerTool } from "@/lib/mcp/tools/get-human-answer";
import { CALLS_RESOURCES } from "@/lib/mcp/resources/calls-resources";
import { addCreditsTool } from "@/lib/mcp/tools/add-credits";
import { cancelCallTool } from "@/lib/mcp/tools/cancel-call";
import { getCallDetailsTool } from "@/lib/mcp/tools/get-call-details";
import { getCallHistoryTool } from "@/lib/mcp/tools/get-call-history";
import { getCallRecordingTool } from "@/lib/mcp/tools/get-call-recording";
import { getCallStatusTool } from "@/lib/mcp/tools/get-call-status";
import { getCallTranscriptTool } from "@/lib/mcp/tools/get-call-transcript";
import { getCreditsTool } from "@/lib/mcp/tools/get-credits";
import { getModelOptionsTool } from "@/lib/mcp/tools/get-model-options";
import { getVoiceOptionsTool } from "@/lib/mcp/tools/get-voice-options";
import { makePhoneCallTool } from "@/lib/mcp/tools/make-phone-call";
import { updateCallPreferencesTool } from "@/lib/mcp/tools/update-call-preferences";
import { getWeatherTool } from "@/lib/mcp/tools/get-weather";
import { sendPushNotificationTool } from "@/lib/mcp/tools/send-push-notification";
import { getConfig } from "@/lib/config/env";
import { registerConformanceFixtures } from "@/lib/mcp/conformance-fixtures";
import { GOLF_TOOLS } from "@/lib/mcp/tools/golf-tools";

export { GOLF_TOOLS } from "@/lib/mcp/tools/golf-tools";

export { SERVER_INSTRUCTIONS } from "@/lib/mcp/instructions";

/** Escalation tools, thin adapters over lib/hitl. */
export const HITL_TOOLS = [askHumanTool, getHumanAnswerTool, cancelHumanRequestTool];

/** Phone-call and credit tools, thin adapters over lib/calls. */
export const CALLS_TOOLS = [
  makePhoneCallTool,
  getCallStatusTool,
  getCallDetailsTool,
  getCallHistoryTool,
  getCallTranscriptTool,
  getCallRecordingTool,
  cancelCallTool,
  getModelOptionsTool,
  getVoiceOptionsTool,
  updateCallPreferencesTool,
  getCreditsTool,
  addCreditsTool,
];

/** Small utility tools (push notifications, weather): thin adapters over lib/notify and lib/weather. */
export const UTILITY_TOOLS = [sendPushNotificationTool, getWeatherTool];

/** Every tool, in the order tools/list shows them; each is defined once with defineTool (lib/mcp/define-tool.ts). */
export const ALL_TOOLS: Tool[] = [...HITL_TOOLS, ...CALLS_TOOLS, ...UTILITY_TOOLS, ...GOLF_TOOLS];

/** Every resource (lib/mcp/define-resource.ts). */
export const ALL_RESOURCES = [caseResource, ...CALLS_RESOURCES];

/** Everything the MCP server offers; each tool is a thin adapter over lib/hitl, lib/calls or lib/golf. */
export function registerSwitchboard(server: McpServer): void {
  for (const tool of ALL_TOOLS) tool.register(server);
  for (const resource of ALL_RESOURCES) resource.register(server);
  server.registerPrompt(
    "escalation-guide",
    { title: "Escalation guide", description: "When and how a voice agent should escalate to a human with Switchboard." },
    () => ({ messages: [{ role: "user" as const, content: { type: "text" as const, text: ESCALATION_GUIDE } }] }),
  );
  if (getConfig().MCP_CONFORMANCE_FIXTURES) registerConformanceFixtures(server);
}
