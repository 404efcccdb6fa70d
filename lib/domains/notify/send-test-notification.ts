import { z } from "zod";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { AppError } from "@/lib/platform/errors";
import type { NotifyDeps } from "@/lib/domains/notify/deliver";
import { sendPushNotification, type PushResult } from "@/lib/domains/notify/send-push-notification";
import { getNotifyTarget } from "@/lib/domains/notify/settings";
import { parseOrThrow } from "@/lib/platform/validation/parse";

const testInput = z.object({ topic: z.enum(["default", "oncall"], { message: "must be default or oncall" }).optional() }).strict();

/** POST /api/settings/notifications/test (admin): a test notification through the saved settings. */
export async function sendTestNotification(deps: NotifyDeps, principal: Principal, raw: unknown): Promise<PushResult> {
  assertScope(principal, "admin");
  const parsed = parseOrThrow(testInput, raw);
  const which = parsed.topic ?? "default";
  const target = await getNotifyTarget(deps.db, deps.config, principal.accountId);
  const topic = which === "oncall" ? target.oncallTopic : target.defaultTopic;
  if (!topic)
    throw new AppError("validation_failed", `topic: no ${which === "oncall" ? "on-call" : "default"} topic is set yet; save one first`);
  return sendPushNotification(
    deps,
    principal,
    {
      topic,
      title: "Switchboard test notification",
      message: `Notifications from Switchboard reach this ${which === "oncall" ? "on-call" : "default"} topic.`,
      tags: ["white_check_mark"],
    },
    { kind: "test" },
  );
}
