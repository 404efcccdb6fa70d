import { z } from "zod";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { safeText } from "@/lib/platform/validation/safe-text";
import { attemptNotification, enqueueNotification, type NotifyDeps } from "@/lib/domains/notify/deliver";
import { MAX_MESSAGE_BYTES } from "@/lib/domains/notify/port";
import { getNotifyTarget, topicSchema } from "@/lib/domains/notify/settings";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export const pushInput = z.object({
  message: safeText()
    .min(1, "must not be empty")
    .refine((s) => bytes(s) <= MAX_MESSAGE_BYTES, `must be at most ${MAX_MESSAGE_BYTES} bytes (UTF-8)`)
    .describe(`The notification text, up to ${MAX_MESSAGE_BYTES} bytes.`),
  title: safeText().max(250, "must be at most 250 characters").optional(),
  priority: z.number().int().min(1).max(5).optional().describe("1 min, 2 low, 3 default, 4 high, 5 urgent."),
  tags: z
    .array(safeText().trim().min(1).max(64), { message: "must be a list of tags" })
    .max(10, "at most 10 tags")
    .optional()
    .describe('Emoji short codes or words, e.g. ["warning", "phone"].'),
  clickUrl: z
    .string()
    .max(2000)
    .url("must be a URL")
    .refine((v) => /^https?:\/\//i.test(v), "must start with http:// or https://")
    .optional()
    .describe("Opened when the notification is tapped."),
  topic: topicSchema.optional().describe("The ntfy topic; default: the account's default topic (Admin → Notifications)."),
});
export type PushInput = z.infer<typeof pushInput>;

export const pushOutput = z.object({
  message: z.string().describe("A sentence to say as is: sent, queued (will retry), or why not."),
  status: z.enum(["sent", "queued", "failed", "not_configured"]),
  notificationId: z.string().optional(),
  topic: z.string().optional(),
  nextAttemptAt: z.string().optional().describe("When a queued notification is tried again."),
  error: z.string().optional(),
});
export type PushResult = z.infer<typeof pushOutput>;

/**
 * send_push_notification: written to the outbox, then published at once with a short in-line retry. The
 * agent hears "sent", or "queued, will retry" (the maintenance job delivers it), or why it was refused.
 */
export async function sendPushNotification(
  deps: NotifyDeps,
  principal: Principal,
  input: PushInput,
  opts: { kind?: "tool" | "test" } = {},
): Promise<PushResult> {
  if (opts.kind !== "test") assertScope(principal, "notify:send");
  const target = await getNotifyTarget(deps.db, deps.config, principal.accountId);
  const topic = input.topic ?? target.defaultTopic;
  if (!topic) {
    return {
      message:
        "I can't send a notification yet: no topic is set up for this account. An admin can set a default topic under Notifications.",
      status: "not_configured",
    };
  }
  const row = await enqueueNotification(deps.db, {
    accountId: principal.accountId,
    kind: opts.kind ?? "tool",
    serverUrl: target.serverUrl,
    topic,
    payload: {
      message: input.message,
      ...(input.title ? { title: input.title } : {}),
      ...(input.priority ? { priority: input.priority } : {}),
      ...(input.tags?.length ? { tags: input.tags } : {}),
      ...(input.clickUrl ? { click: input.clickUrl } : {}),
    },
  });
  const out = await attemptNotification(deps, row, { inlineRetries: 2 });
  const base = { notificationId: row.id, topic };
  if (out.status === "sent") return { message: "Sent: the notification is on its way.", status: "sent", ...base };
  if (out.status === "queued") {
    return {
      message: "The notification service is busy, so the notification is queued and I'll keep retrying until it goes through.",
      status: "queued",
      ...base,
      nextAttemptAt: out.nextAttemptAt!.toISOString(),
      error: out.error ?? undefined,
    };
  }
  return {
    message: "Sorry, the notification couldn't be sent: the notification service refused it.",
    status: "failed",
    ...base,
    error: out.error ?? undefined,
  };
}
