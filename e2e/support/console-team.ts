import type { Browser } from "playwright-core";
import { ConsolePage } from "../pages/console-page";
import { api } from "./api";
import { launchBrowser } from "./browser";
import type { E2eTenant } from "./global-setup";
import { connectModern, type McpTestClient } from "./mcp-clients";

export type ConsoleTeam = { browser: Browser; op: ConsolePage; op2: ConsolePage; agent: McpTestClient; close: () => Promise<void> };

/**
 * The tenant's two operators on the console in one browser, and a voice agent on MCP. Resolves once both
 * consoles have sent a heartbeat: the team then counts as online, so ask_human waits instead of saying
 * unavailable.
 */
export async function openConsoleTeam(baseUrl: string, a: E2eTenant): Promise<ConsoleTeam> {
  const browser = await launchBrowser();
  const [op, op2] = await Promise.all([
    ConsolePage.open(browser, baseUrl, a.operatorEmail, a.operatorPassword),
    ConsolePage.open(browser, baseUrl, a.operator2Email, a.operator2Password),
  ]);
  const agent = await connectModern(baseUrl, a.agentKey);
  const rest = api(baseUrl);
  for (let i = 0; i < 100 && (await rest.call("GET", "/api/presence", { key: a.answerKey })).json.online < 2; i++)
    await new Promise((r) => setTimeout(r, 100));
  return {
    browser,
    op,
    op2,
    agent,
    close: async () => {
      await agent.close();
      await browser.close();
    },
  };
}
