import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { sendSignedTestRequest } from "@/lib/transports/agent-platforms/retell/signed-test";

export const dynamic = "force-dynamic";

// POST /api/settings/retell/test {apiKey} — sign a harmless custom-function request with the stored Retell key, as Retell would, and run it (admin)
export const POST = withRoute(
  async ({ req, deps, principal }) => json(await sendSignedTestRequest(deps, principal, await readJson(req), new URL(req.url).origin)),
  { scopes: ["admin"] },
);
