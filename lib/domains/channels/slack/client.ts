import type { WebClient } from "@slack/web-api";
import type { Config } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";

/** What the Slack adapter reads from configuration (SLACK_API_URL points tests at a stand-in). */
export const slackSettings = (config: Config) => ({ apiUrl: config.SLACK_API_URL, timeoutMs: config.CHANNEL_TIMEOUT_MS });

/**
 * Slack's official Web API client for one bot token, loaded on first use so routes that never talk to Slack
 * never load it. Retries are off: a message that did not go out is retried by the ladder's next pass or the
 * post sync, not by the client in the background.
 */
export async function slackClient(config: Config, botToken: string): Promise<WebClient> {
  const { WebClient, LogLevel } = await import("@slack/web-api");
  const s = slackSettings(config);
  return new WebClient(botToken, {
    slackApiUrl: s.apiUrl.endsWith("/") ? s.apiUrl : `${s.apiUrl}/`,
    timeout: s.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
}

/** A Slack API failure as our error, naming Slack's own error code and never the token. */
export function slackError(e: unknown, what: string): AppError {
  const code = (e as { data?: { error?: string } })?.data?.error ?? (e as { code?: string })?.code ?? "unreachable";
  return new AppError("unavailable", `Slack refused ${what}: ${code}.`, { slackError: code });
}
