import { getDeps } from "@/lib/composition/deps";
import { json, errorResponse } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { assertSameOrigin } from "@/lib/transports/http/authenticate";
import { declareRoute } from "@/lib/transports/http/with-route";
import { publicOrigin } from "@/lib/transports/http/public-origin";
import { startSessionCookie } from "@/lib/transports/http/session-cookie";
import { completeSetup, setupInput } from "@/lib/domains/setup/complete-setup";
import { tokenFreeSetupAllowed } from "@/lib/transports/http/setup-access";

export const dynamic = "force-dynamic";

// POST /api/setup {email, password, name?, token?} — the first admin and an API key (shown once); signs them in
export const POST = declareRoute(
  async function POST(req: Request) {
    try {
      const deps = await getDeps();
      const input = parseOrThrow(setupInput, await readJson(req));
      assertSameOrigin(req);
      const done = await completeSetup(deps.db, deps.config, input, { tokenFree: tokenFreeSetupAllowed(req.headers, deps.config) });
      const res = json(
        {
          member: done.member,
          account: done.account,
          apiKey: { key: done.key, prefix: done.apiKey.prefix, scopes: done.apiKey.scopes },
          mcpUrl: `${publicOrigin(req.headers, deps.config)}/api/mcp`,
        },
        { status: 201 },
      );
      return startSessionCookie(deps, req, res, done.member.id);
    } catch (e) {
      return errorResponse(e);
    }
  },
  { public: true, note: "only while no member exists; from loopback on the embedded default, else with a one-time setup token" },
);
