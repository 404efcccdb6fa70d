import { withRoute } from "@/lib/transports/http/with-route";
import { openRecording } from "@/lib/domains/calls/recording-link";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/calls/{id}/recording?expires=&signature= — the audio; the signature is the credential (403 when bad or expired)
export const GET = withRoute(
  async ({ req, deps, params }) => {
    const q = new URL(req.url).searchParams;
    const rec = await openRecording(deps, params.id!, { expires: q.get("expires"), signature: q.get("signature") });
    return new Response(rec.body as BodyInit, {
      headers: {
        "content-type": rec.contentType,
        "content-length": String(rec.byteLength),
        "cache-control": "private, max-age=300",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { public: true, note: "the signed, expiring link is the credential" },
);
