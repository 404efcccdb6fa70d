/**
 * The voice agent platforms Switchboard speaks to (lib/transports/agent-platforms): each is a tool-call entry,
 * a case source and a call provider under this name. Adding one starts here.
 */
export const AGENT_PLATFORM_IDS = ["retell", "vapi"] as const;
export type AgentPlatformId = (typeof AGENT_PLATFORM_IDS)[number];

/** Which entry a tool call came through: MCP, or an agent platform's function/tool calls. */
export type ToolEntry = "mcp" | AgentPlatformId;

export const isAgentPlatform = (name: string): name is AgentPlatformId => (AGENT_PLATFORM_IDS as readonly string[]).includes(name);

/** Platforms that let a server speak into a call still going: a late answer is said on the call before any callback. */
export const LIVE_CALL_PLATFORMS: readonly AgentPlatformId[] = ["vapi"];
