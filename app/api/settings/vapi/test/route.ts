import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { sendVapiSignedTest } from "@/lib/transports/agent-platforms/vapi/signed-test";

export const dynamic = "force-dynamic";

// POST /api/settings/vapi/test {apiKey} — sign a harmless tool-calls message with the stored Vapi server secret, as Vapi would, and run it (admin)
export const POST = withRoute(
  async ({ req, deps, principal }) => json(await sendVapiSignedTest(deps, principal, await readJson(req), new URL(req.url).origin)),
  { scopes: ["admin"] },
);
