import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { sendTestNotification } from "@/lib/domains/notify/send-test-notification";

export const dynamic = "force-dynamic";

// POST /api/settings/notifications/test {topic?: "default" | "oncall"} — publish a test notification with the saved settings (admin)
export const POST = withRoute(
  async ({ req, deps, principal }) => json(await sendTestNotification(deps, principal, await readJson(req, { optional: true }))),
  { scopes: ["admin"] },
);
