import { z } from "zod";
import type { LadderStep } from "@/lib/adapters/db/schema";
import type { Config } from "@/lib/platform/config/env";

export const ladderSchema = z
  .array(
    z
      .object({
        channel: z.enum(["console", "slack", "ntfy", "sms"], { message: "must be console, slack, ntfy or sms" }),
        afterSeconds: z.number({ message: "must be a number" }).int("must be whole seconds").min(0).max(3600),
      })
      .strict(),
  )
  .min(1, "must have at least one step")
  .max(8, "must have at most 8 steps");

/** In the console and on Slack at once, a page once PAGE_AFTER_SECONDS pass unclaimed, then SMS to on-call members. */
export function defaultLadder(config: Pick<Config, "PAGE_AFTER_SECONDS" | "SMS_AFTER_SECONDS">): LadderStep[] {
  return [
    { channel: "console", afterSeconds: 0 },
    { channel: "slack", afterSeconds: 0 },
    { channel: "ntfy", afterSeconds: config.PAGE_AFTER_SECONDS },
    { channel: "sms", afterSeconds: config.SMS_AFTER_SECONDS },
  ];
}
