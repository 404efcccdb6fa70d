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

/** Slack's own error codes that say "try later" rather than "this will not work" (api.slack.com/web#errors). */
const TRANSIENT_SLACK_ERRORS = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/**
 * A Slack API failure as our error, naming Slack's own error code and never the token. `retryable` says whether
 * trying again later may work: a network failure, a time-out, a rate limit, a 5xx or one of Slack's transient
 * codes may pass; a revoked token, a deleted channel or a bad request will not.
 */
export function slackError(e: unknown, what: string): AppError {
  const err = e as { code?: string; data?: { error?: string }; statusCode?: number };
  const code = err?.data?.error ?? err?.code ?? "unreachable";
  const retryable =
    err?.code === "slack_webapi_platform_error"
      ? TRANSIENT_SLACK_ERRORS.has(code)
      : err?.code === "slack_webapi_http_error"
        ? (err.statusCode ?? 500) >= 500 || err.statusCode === 429
        : true; // a request that never got an answer (network, time-out) or a rate limit
  return new AppError("unavailable", `Slack refused ${what}: ${code}.`, { slackError: code, retryable });
}
