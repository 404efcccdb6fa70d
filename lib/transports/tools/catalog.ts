import type { Tool } from "@/lib/transports/tools/define-tool";
import { askHumanTool } from "@/lib/transports/tools/ask-human";
import { cancelHumanRequestTool } from "@/lib/transports/tools/cancel-human-request";
import { getHumanAnswerTool } from "@/lib/transports/tools/get-human-answer";
import { searchAnswersTool } from "@/lib/transports/tools/search-answers";
import { addCreditsTool } from "@/lib/transports/tools/add-credits";
import { cancelCallTool } from "@/lib/transports/tools/cancel-call";
import { getCallDetailsTool } from "@/lib/transports/tools/get-call-details";
import { getCallHistoryTool } from "@/lib/transports/tools/get-call-history";
import { getCallRecordingTool } from "@/lib/transports/tools/get-call-recording";
import { getCallStatusTool } from "@/lib/transports/tools/get-call-status";
import { getCallTranscriptTool } from "@/lib/transports/tools/get-call-transcript";
import { getCreditsTool } from "@/lib/transports/tools/get-credits";
import { getModelOptionsTool } from "@/lib/transports/tools/get-model-options";
import { getVoiceOptionsTool } from "@/lib/transports/tools/get-voice-options";
import { makePhoneCallTool } from "@/lib/transports/tools/make-phone-call";
import { updateCallPreferencesTool } from "@/lib/transports/tools/update-call-preferences";
import { getWeatherTool } from "@/lib/transports/tools/get-weather";
import { sendPushNotificationTool } from "@/lib/transports/tools/send-push-notification";
import { GOLF_TOOLS } from "@/lib/transports/tools/golf-tools";

export { GOLF_TOOLS } from "@/lib/transports/tools/golf-tools";

/** Escalation tools, thin adapters over lib/domains/hitl (search_answers: lib/domains/memory). */
export const HITL_TOOLS = [askHumanTool, getHumanAnswerTool, cancelHumanRequestTool, searchAnswersTool];

/** Phone-call and credit tools, thin adapters over lib/domains/calls. */
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

/** Small utility tools (push notifications, weather): thin adapters over lib/domains/notify and lib/domains/weather. */
export const UTILITY_TOOLS = [sendPushNotificationTool, getWeatherTool];

/**
 * Every tool, in the order tools/list shows them; each is defined once with defineTool
 * (lib/transports/tools/define-tool.ts) and offered by every entry: MCP registers them all, Retell looks them up by name.
 */
export const ALL_TOOLS: Tool[] = [...HITL_TOOLS, ...CALLS_TOOLS, ...UTILITY_TOOLS, ...GOLF_TOOLS];
