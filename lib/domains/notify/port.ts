import type { OutboundPolicy } from "@/lib/platform/outbound/outbound-error";

/** One push notification as ntfy's JSON publish takes it (https://docs.ntfy.sh/publish/#publish-as-json). */
export type PushMessage = {
  topic: string;
  message: string;
  title?: string;
  /** 1 (min) … 3 (default) … 5 (max/urgent). */
  priority?: number;
  tags?: string[];
  /** Opened when the notification is tapped. */
  click?: string;
};

/**
 * Where to publish: the server's root URL and, for protected topics, an access token (tk_…). `outbound` is
 * set when an account chose the server: the request then leaves through the outbound guard under it.
 */
export type PushTarget = { serverUrl: string; accessToken?: string | null; outbound?: OutboundPolicy };

/** A push provider. Throws NotifyError when the message was not accepted. */
export interface NotifyPort {
  publish(target: PushTarget, message: PushMessage, signal?: AbortSignal): Promise<{ id: string | null }>;
}

const NOTIFY_ERROR = Symbol.for("switchboard.NotifyError");

/** A publish that failed: `retryable` for network errors, timeouts, 429 and 5xx; `retryAfterMs` from Retry-After. */
export class NotifyError extends Error {
  readonly [NOTIFY_ERROR] = true;
  constructor(
    message: string,
    readonly opts: { status?: number; retryable: boolean; retryAfterMs?: number },
  ) {
    super(message);
    this.name = "NotifyError";
  }
}

export const isNotifyError = (e: unknown): e is NotifyError =>
  typeof e === "object" && e !== null && (e as { [NOTIFY_ERROR]?: unknown })[NOTIFY_ERROR] === true;

/** ntfy's default message size limit; longer bodies would be turned into an attachment. */
export const MAX_MESSAGE_BYTES = 4096;
