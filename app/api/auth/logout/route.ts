import { getDeps } from "@/lib/composition/deps";
import { json, errorResponse } from "@/lib/transports/http/respond";
import { assertSameOrigin, readCookie } from "@/lib/transports/http/authenticate";
import { endSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import { declareRoute } from "@/lib/transports/http/with-route";

export const dynamic = "force-dynamic";

// POST /api/auth/logout — ends the session and clears the cookie
export const POST = declareRoute(
  async function POST(req: Request) {
    try {
      assertSameOrigin(req);
      const token = readCookie(req, SESSION_COOKIE);
      if (token) await endSession((await getDeps()).db, token);
      const res = json({ ok: true });
      res.headers.append("set-cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      return res;
    } catch (e) {
      return errorResponse(e);
    }
  },
  { public: true, note: "ends the session its cookie names, if any" },
);
