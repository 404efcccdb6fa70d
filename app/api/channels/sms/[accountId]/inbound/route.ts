import { withRoute } from "@/lib/transports/http/with-route";
import { readText } from "@/lib/transports/http/read-body";
import { publicBaseUrl } from "@/lib/platform/public-base-url";
import { handleSmsInbound } from "@/lib/domains/channels/sms/inbound";

export const dynamic = "force-dynamic";

// POST /api/channels/sms/{accountId}/inbound — Twilio's incoming-message webhook: an on-call member's reply answers the case
export const POST = withRoute(
  async ({ req, deps, params }) => {
    // Twilio signs the URL it was given: our public base URL with this path and query.
    const u = new URL(req.url);
    const url = `${publicBaseUrl(deps.config, u.origin)}${u.pathname}${u.search}`;
    const xml = await handleSmsInbound(deps, {
      accountId: params.accountId!,
      url,
      signature: req.headers.get("x-twilio-signature"),
      form: new URLSearchParams(await readText(req, 64 * 1024)),
    });
    return new Response(xml, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
  },
  { public: true, note: "X-Twilio-Signature (HMAC-SHA1 over the URL and form) with the account's Twilio auth token is the credential" },
);
