import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { pusherChannelFor } from "@/lib/adapters/realtime/port";
import { createPusherServer } from "@/lib/adapters/realtime/pusher/publisher";
import { realtimeSettings } from "@/lib/adapters/realtime/publishers";

export const pusherAuthRequest = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, "must be a Pusher socket id"),
  channel_name: z.string().min(1, "is required").max(200),
});

/**
 * Signs a private-channel subscription (what pusher-js posts to its channelAuthorization endpoint), only
 * for the caller's own account channel: a member of A asking for B's channel gets 403.
 */
export async function authorizePusherChannel(deps: Pick<Deps, "config">, principal: Principal, raw: unknown): Promise<{ auth: string }> {
  if (deps.config.realtimeDriver !== "pusher")
    throw new AppError("not_found", "Pusher is not the configured realtime driver (REALTIME_DRIVER).");
  assertScope(principal, "hitl:answer");
  const { socket_id, channel_name } = parseOrThrow(pusherAuthRequest, raw);
  if (channel_name !== pusherChannelFor(principal.accountId))
    throw new AppError("forbidden", "You may only subscribe to your own account's channel.");
  return (await createPusherServer(realtimeSettings(deps.config).pusher!)).authorizeChannel(socket_id, channel_name);
}
