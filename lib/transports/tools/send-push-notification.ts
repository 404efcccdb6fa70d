import { defineTool } from "@/lib/transports/tools/define-tool";
import { pushInput, pushOutput, sendPushNotification } from "@/lib/domains/notify/send-push-notification";

export const sendPushNotificationTool = defineTool({
  name: "send_push_notification",
  title: "Send a push notification",
  description:
    "Sends a push notification through ntfy to a topic (default: the account's default topic). Returns `message`, a sentence to say as is: sent, or queued and retried until delivered, or why not. Needs notify:send.",
  input: pushInput,
  output: pushOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  scopes: ["notify:send"],
  run: (input, ctx) => sendPushNotification(ctx.deps, ctx.principal, input),
});
