import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { listCalls } from "@/lib/domains/calls/list-calls";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";

export const dynamic = "force-dynamic";

// POST /api/calls — place a call (same input as make_phone_call); 201 with the call
export const POST = withRoute(
  async ({ req, deps, principal }) => {
    const call = await makePhoneCall(deps, principal, await readJson(req), { origin: new URL(req.url).origin });
    return json(call, { status: 201 });
  },
  { scopes: ["calls:write"] },
);

// GET /api/calls?status=completed,failed&from=&to=&phoneNumber=&limit=&cursor= — newest first
export const GET = withRoute(
  async ({ req, deps, principal }) => {
    return json(await listCalls(deps, principal, Object.fromEntries(new URL(req.url).searchParams)));
  },
  { scopes: ["calls:read"] },
);
